using EventPipeline.Api.Runtime;

namespace EventPipeline.Api.Events.Store;

internal static class EventStoreExtensions
{
    /// <summary>The events table's partitions, the group-commit writer and the reader. Part of <c>AddEvents()</c>.</summary>
    public static IServiceCollection AddEventStore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<StorageMetrics>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<PartitionMaintainer>();
        services.AddSingleton<GroupCommitWriter>();
        services.AddSingleton<IWriteQueueDelaySource>(sp => sp.GetRequiredService<GroupCommitWriter>());
        services.AddSingleton<EventReader>();

        // Hosted services start in the order they are added and stop in reverse. The partitions exist
        // before the writer starts; the writer stops after the web server, which the host adds last
        // and so stops first, has let the requests in flight hand over their events, and then it
        // stores everything still queued before the process ends.
        services.AddHostedService<PartitionMaintenanceService>();
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        return services;
    }
}
