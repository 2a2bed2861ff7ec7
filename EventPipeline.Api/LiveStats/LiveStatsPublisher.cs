using System.Text.Json;
using EventPipeline.Api.Limiting.Local;
using StackExchange.Redis;

namespace EventPipeline.Api.LiveStats;

/// <summary>Publishes this replica's summary once a second: one PUBLISH and one LPUSH, not a write per request.</summary>
internal sealed partial class LiveStatsPublisher(
    LiveStatsCollector collector,
    CircuitBreaker breaker,
    IConnectionMultiplexer redis,
    TimeProvider time,
    ILogger<LiveStatsPublisher> logger) : BackgroundService
{
    public static readonly string ReplicaId = $"{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var second = collector.TakeSecond();
            var summary = new ReplicaSummary(
                ReplicaId,
                time.GetUtcNow().ToUnixTimeSeconds() - 1,
                new(second.Decisions),
                new(second.Ingested),
                new(collector.DecisionTotals),
                new(collector.IngestedTotals),
                collector.IngestLatency.TakeEncoded(),
                collector.RedisLatency.TakeEncoded(),
                CircuitStateName.Of(breaker.State));
            await PublishAsync(summary);
        }
    }

    private async Task PublishAsync(ReplicaSummary summary)
    {
        var json = JsonSerializer.Serialize(summary, LiveStatsJson.Options);
        try
        {
            var db = redis.GetDatabase();
            var batch = db.CreateBatch();
            var publish = batch.PublishAsync(RedisChannel.Literal(LiveStatsKeys.Channel), json);
            var push = batch.ListLeftPushAsync(LiveStatsKeys.History, json);
            var trim = batch.ListTrimAsync(LiveStatsKeys.History, 0, LiveStatsKeys.HistoryLength - 1);
            batch.Execute();
            await Task.WhenAll(publish, push, trim);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The live view misses a second; the counters themselves are not affected.
            LogPublishFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live summary not published: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string reason);
}

internal static class LiveStatsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
