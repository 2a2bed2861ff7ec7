using EventPipeline.Api.Events.Store;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Events;

internal static class RequestLimits
{
    /// <summary>
    /// Kestrel's limits, chosen rather than inherited: no body larger than the largest batch (which
    /// also caps what a gzip body may inflate to), and senders that trickle headers or a body are
    /// cut off instead of holding a connection for ever.
    /// </summary>
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<IngestionOptions>>((kestrel, ingestion) =>
        {
            var limits = kestrel.Limits;
            limits.MaxRequestBodySize = MaxBodyBytes(ingestion.Value);
            limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            limits.MaxRequestHeadersTotalSize = 32 * 1024;
            limits.MaxRequestLineSize = 8 * 1024;
            limits.KeepAliveTimeout = TimeSpan.FromSeconds(130);
        });
        return builder;
    }

    /// <summary>The most a body may hold, read as sent or inflated from gzip.</summary>
    public static long MaxBodyBytes(IngestionOptions ingestion) => Math.Max(ingestion.MaxBatchBytes, ingestion.MaxEventBytes);
}
