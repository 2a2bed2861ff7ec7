using Npgsql;

namespace EventPipeline.Api.Events.Store;

/// <summary>Reads a partitioned table's partitions, their ranges and sizes, from PostgreSQL's catalog.</summary>
internal static class PartitionCatalog
{
    // The bounds come from the catalog rather than the names, so a partition made by hand counts too;
    // a DEFAULT partition has no range and is left alone.
    private const string PartitionsSql = """
        SELECT c.relname, b.bounds[1]::timestamptz, b.bounds[2]::timestamptz,
               pg_total_relation_size(c.oid), GREATEST(c.reltuples, 0)::bigint
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\) TO \(''([^'']+)''\)') AS b(bounds)
        WHERE i.inhparent = @parent::regclass
        ORDER BY 2
        """;

    public static async Task<List<PartitionStats>> ReadAsync(NpgsqlConnection connection, string parent, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PartitionsSql, connection);
        command.Parameters.AddWithValue("parent", parent);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var partitions = new List<PartitionStats>();
        while (await reader.ReadAsync(ct))
        {
            partitions.Add(new(
                new TimePartition(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetFieldValue<DateTimeOffset>(2)),
                reader.GetInt64(3),
                reader.GetInt64(4)));
        }
        return partitions;
    }
}

/// <summary>A partition with its size on disk and PostgreSQL's row estimate (refreshed by autovacuum's ANALYZE).</summary>
internal sealed record PartitionStats(TimePartition Partition, long Bytes, long EstimatedRows);
