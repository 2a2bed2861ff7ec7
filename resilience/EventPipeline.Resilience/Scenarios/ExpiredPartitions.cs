using Npgsql;

namespace EventPipeline.Resilience.Scenarios;

/// <summary>
/// Events partitions from long ago, each holding a row, as months of traffic leave them: the
/// replicas' partition maintenance (every second in the harness) must drop them by retention
/// while the load goes on.
/// </summary>
public static class ExpiredPartitions
{
    private const string Prefix = "events_p2001";
    private static int s_next;

    public static async Task AddAsync(string connectionString)
    {
        var day = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(Interlocked.Increment(ref s_next) % 360);
        var name = $"events_p{day:yyyyMMdd}";
        await using var connection = new NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($$"""
            CREATE TABLE IF NOT EXISTS {{name}} PARTITION OF events FOR VALUES FROM ('{{day:yyyy-MM-dd}}T00:00:00Z') TO ('{{day.AddDays(1):yyyy-MM-dd}}T00:00:00Z');
            INSERT INTO events (client_id, event_id, source, payload, received_at, content_hash)
            VALUES ('expired-partitions', gen_random_uuid()::text, 'resilience', '{}', '{{day:yyyy-MM-dd}}T12:00:00Z', '\x00');
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<string?> AllDroppedAsync(PipelineSystem system)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        long left;
        do
        {
            await Task.Delay(500);
            await using var connection = new NpgsqlConnection(system.Postgres.ConnectionString + ";Pooling=false");
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass AND c.relname LIKE '{Prefix}%'",
                connection);
            left = (long)(await command.ExecuteScalarAsync())!;
        }
        while (left > 0 && DateTime.UtcNow < deadline);
        return s_next == 0 ? "no expired partition was made"
            : left == 0 ? null : $"{left} expired partitions still there 15 s after the fault";
    }
}
