using EventPipeline.Resilience.Proxy;
using Npgsql;
using static EventPipeline.Resilience.Scenarios.FaultHandles;

namespace EventPipeline.Resilience.Scenarios;

/// <summary>Every fault of issue #8, one at a time, in the order run.sh runs them.</summary>
public static class ScenarioCatalog
{
    public const double SkewSeconds = -420;

    public static IReadOnlyList<Scenario> All { get; } =
    [
        new("redis-kill", "redis-server SIGKILLed; started again (empty) when the fault ends",
            s => { s.Redis.Kill(); return Undo(s.Redis.StartAsync); }, OnRedis: true),
        new("redis-pause", "redis-server stopped with SIGSTOP, continued with SIGCONT",
            // Longer than the Redis client's 5 s timeout, whose exception once stopped the API.
            s => { s.Redis.Pause(); return Undo(s.Redis.Resume); }, OnRedis: true, MinimumFaultSeconds: 7),
        new("redis-restart", "redis-server shut down cleanly and started again at once (buckets and scripts gone)",
            async s => { await s.Redis.RestartAsync(); return await Nothing; }, OnRedis: true),
        new("redis-script-flush", "SCRIPT FLUSH every 250 ms: every decision may meet NOSCRIPT",
            s => Repeat(TimeSpan.FromMilliseconds(250), () => s.RedisDirectServer.ScriptFlushAsync()), OnRedis: true),
        new("redis-latency", "200 ms added each way between the API and Redis (the limiter's timeout is 50 ms)",
            s => { s.RedisLink.Latency = TimeSpan.FromMilliseconds(200); return Undo(s.RedisLink.Heal); }, OnRedis: true),
        new("redis-drop", "every API-Redis connection reset, and new ones reset as they arrive",
            s => { s.RedisLink.Mode = ProxyMode.Drop; return Undo(s.RedisLink.Heal); }, OnRedis: true),
        new("redis-blackhole", "API-Redis connections stay open but carry nothing, new ones too",
            s => { s.RedisLink.Mode = ProxyMode.Blackhole; return Undo(s.RedisLink.Heal); }, OnRedis: true),
        new("postgres-kill", "PostgreSQL SIGKILLed; started again (crash recovery) when the fault ends",
            s => { s.Postgres.Kill(); return Undo(s.Postgres.StartAsync); }),
        new("postgres-restart", "PostgreSQL fast shutdown and an immediate start",
            async s => { s.Postgres.StopFast(); await s.Postgres.StartAsync(); return await Nothing; }),
        new("postgres-lock", "a transaction holds ACCESS EXCLUSIVE on events for the whole fault",
            s => TableLock.AcquireAsync(s.Postgres.ConnectionString, "events")),
        new("retention", "an expired events partition holding a row appears every 250 ms; the replicas' retention drops them under load",
            s => Repeat(TimeSpan.FromMilliseconds(250), () => ExpiredPartitions.AddAsync(s.Postgres.ConnectionString)),
            VerifyAsync: ExpiredPartitions.AllDroppedAsync),
        new("api-kill", "one of the two API replicas SIGKILLed mid-load and left dead",
            s => { s.Replicas[0].Kill(); return Nothing; }, ReplicasKilled: 1),
        new("api-restart-redis-down", "redis-server SIGKILLed, then one replica SIGKILLed and started again while Redis is still down (it must become ready); Redis started (empty) when the fault ends",
            async s =>
            {
                s.Redis.Kill();
                s.Replicas[0].Kill();
                await s.Replicas[0].StartAsync();
                return await Undo(s.Redis.StartAsync);
            }, OnRedis: true),
        new("clock-skew", $"every client's clock {-SkewSeconds / 60:F0} minutes behind; events carry its timestamps",
            _ => Nothing, ClockSkewSeconds: SkewSeconds, VerifyAsync: TimestampsKeptAsSentAsync),
    ];

    public static Scenario Named(string name) =>
        All.FirstOrDefault(s => s.Name == name) ?? throw new ArgumentException($"No scenario '{name}'; there are: {string.Join(", ", All.Select(s => s.Name))}.", nameof(name));

    // The server keeps the client's claim as sent and its own receive time beside it: every stored
    // event must show the skew, none may have lost its timestamp.
    private static async Task<string?> TimestampsKeptAsSentAsync(PipelineSystem system)
    {
        await using var connection = new NpgsqlConnection(system.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE client_timestamp IS NULL),
                   count(*) FILTER (WHERE abs(extract(epoch FROM client_timestamp - received_at) - @skew) > 10)
            FROM events
            """, connection);
        command.Parameters.AddWithValue("skew", SkewSeconds);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (missing, unskewed) = (reader.GetInt64(0), reader.GetInt64(1));
        return missing + unskewed == 0 ? null : $"{missing} stored without their timestamp, {unskewed} not {SkewSeconds} s off their receive time";
    }
}
