using System.Text.Json;
using StackExchange.Redis;

namespace EventPipeline.Api.LiveStats;

/// <summary>
/// Feeds the cluster view: the recent history once at start, then every published summary. In the
/// background, so a replica (re)started while Redis is down starts anyway: its limiter has failure
/// modes for that, and an outage must not keep it from serving.
/// </summary>
internal sealed partial class LiveStatsSubscriber(
    ClusterLiveView view,
    IConnectionMultiplexer redis,
    ILogger<LiveStatsSubscriber> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(LiveStatsKeys.Channel), (_, message) => Add(message));
        }
        // The multiplexer registers the handler before it sends SUBSCRIBE and subscribes every
        // registered channel when it (re)connects: a subscription that could not be sent now is sent
        // then. Subscribing again here would register the handler twice.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogSubscribeDeferred(logger, ex.Message);
        }
        try
        {
            var history = await redis.GetDatabase().ListRangeAsync(LiveStatsKeys.History, 0, LiveStatsKeys.HistoryLength - 1);
            foreach (var entry in history.Reverse())
            {
                Add(entry);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogHistoryUnavailable(logger, ex.Message);
        }
    }

    /// <summary>
    /// Unsubscribes if it still can. A Redis that is down, or a connection already closed by a host
    /// shutting down around this service, must not turn a clean stop into a failed one.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Literal(LiveStatsKeys.Channel));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogUnsubscribeFailed(logger, ex.Message);
        }
    }

    private void Add(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<ReplicaSummary>((string)message!, LiveStatsJson.Options) is { } summary)
            {
                view.Add(summary);
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException)
        {
            LogBadSummary(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live summaries not subscribed yet, subscribed when Redis connects: {Reason}")]
    private static partial void LogSubscribeDeferred(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live history not loaded: {Reason}")]
    private static partial void LogHistoryUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live summaries not unsubscribed at stop: {Reason}")]
    private static partial void LogUnsubscribeFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a malformed live summary: {Reason}")]
    private static partial void LogBadSummary(ILogger logger, string reason);
}
