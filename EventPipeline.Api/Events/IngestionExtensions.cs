using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Runtime;


namespace EventPipeline.Api.Events;

internal static class IngestionExtensions
{
    public static IHostApplicationBuilder AddIngestion(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<IngestionMetrics>();
        builder.Services.AddSingleton<GroupCommitWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        builder.Services.AddSingleton<IWriteQueueDelaySource>(sp => sp.GetRequiredService<GroupCommitWriter>());
        builder.Services.AddSingleton<EventIngestor>();
        builder.Services.AddSingleton<EventReader>();

        // Batches may arrive gzip-compressed; the body-size limits apply to the decompressed bytes.
        builder.Services.AddRequestDecompression();
        return builder;
    }
}
