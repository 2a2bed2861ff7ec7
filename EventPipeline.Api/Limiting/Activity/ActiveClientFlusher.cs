using EventPipeline.Api.Runtime;

namespace EventPipeline.Api.Limiting.Activity;

/// <summary>Pushes the per-client admitted counts to Redis once a second for <c>/v1/limiter/top</c>.</summary>
internal sealed partial class ActiveClientFlusher(ActiveClientTracker tracker, ILogger<ActiveClientFlusher> logger, TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A failed flush loses the counts of one second; the dashboard's top list is approximate anyway.
        PeriodicRounds.RunAsync(TimeSpan.FromSeconds(1), _ => tracker.FlushAsync(), ex => LogFlushFailed(logger, ex), stoppingToken, time);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not flush busiest-client counts")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
