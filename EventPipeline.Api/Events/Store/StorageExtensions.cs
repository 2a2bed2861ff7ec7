using EventPipeline.Api.Database;

namespace EventPipeline.Api.Events.Store;

internal static class StorageExtensions
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // The Aspire integration brings pooling, the health check, metrics and traces.
        builder.AddNpgsqlDataSource(connectionName: "eventsdb");
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHostedService<MigrationHostedService>();

        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StorageMetrics>();
        builder.Services.AddSingleton<PartitionMaintainer>();
        // After the migrations: hosted services start in the order they are added.
        builder.Services.AddHostedService<PartitionMaintenanceService>();
        return builder;
    }
}
