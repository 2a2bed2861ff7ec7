
namespace EventPipeline.Api.Limiting.Activity;

/// <summary>Pushes the per-client admitted counts to Redis once a second for <c>/v1/limiter/top</c>.</summary>
internal sealed partial class ActiveClientFlusher(ActiveClientTracker tracker, ILogger<ActiveClientFlusher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await tracker.FlushAsync();
            }
            // RedisTimeoutException is a TimeoutException, not a RedisException: uncaught, it stopped the host.
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                // The counts of one second are lost; the dashboard's top list is approximate anyway.
                LogFlushFailed(logger, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not flush busiest-client counts: {Reason}")]
    private static partial void LogFlushFailed(ILogger logger, string reason);
}
