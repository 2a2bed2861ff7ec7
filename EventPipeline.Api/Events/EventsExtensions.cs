using EventPipeline.Api.Events.Store;

namespace EventPipeline.Api.Events;

internal static class EventsExtensions
{
    /// <summary>The whole event capability: the ingest path and its store. Call after <c>AddDatabase()</c>.</summary>
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEventStore();
        builder.Services.AddSingleton<EventIngestor>();

        // Batches may arrive gzip-compressed; the body-size limits apply to the decompressed bytes.
        builder.Services.AddRequestDecompression();
        return builder;
    }
}
