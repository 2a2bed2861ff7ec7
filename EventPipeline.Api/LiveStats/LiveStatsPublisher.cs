using System.Text.Json;
using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Runtime;
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // A failed round costs the live view one second; the counters themselves are not affected.
        PeriodicRounds.RunAsync(TimeSpan.FromSeconds(1), _ => PublishAsync(TakeSummary()), ex => LogPublishFailed(logger, ex), stoppingToken, time);

    private ReplicaSummary TakeSummary()
    {
        var second = collector.TakeSecond();
        return new ReplicaSummary(
            ReplicaId,
            time.GetUtcNow().ToUnixTimeSeconds() - 1,
            new(second.Decisions),
            new(second.Ingested),
            new(collector.DecisionTotals),
            new(collector.IngestedTotals),
            collector.IngestLatency.TakeEncoded(),
            collector.RedisLatency.TakeEncoded(),
            CircuitStateName.Of(breaker.State));
    }

    private async Task PublishAsync(ReplicaSummary summary)
    {
        var json = JsonSerializer.Serialize(summary, LiveStatsJson.Options);
        var batch = redis.GetDatabase().CreateBatch();
        var publish = batch.PublishAsync(RedisChannel.Literal(LiveStatsKeys.Channel), json);
        var push = batch.ListLeftPushAsync(LiveStatsKeys.History, json);
        var trim = batch.ListTrimAsync(LiveStatsKeys.History, 0, LiveStatsKeys.HistoryLength - 1);
        batch.Execute();
        await Task.WhenAll(publish, push, trim);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live summary not published")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}

internal static class LiveStatsJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
