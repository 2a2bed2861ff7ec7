using Npgsql;

namespace EventPipeline.Api.Events.Store;

/// <summary>The events partitions as the last maintenance pass saw them: what /metrics and the admin API show.</summary>
internal sealed record StorageSnapshot(
    DateTimeOffset TakenAt,
    int Partitions,
    DateTimeOffset? OldestPartitionStart,
    long Bytes,
    long EstimatedRows,
    long DedupKeyBytes)
{
    public static readonly StorageSnapshot None = new(DateTimeOffset.MinValue, 0, null, 0, 0, 0);

    public double OldestPartitionAgeSeconds => OldestPartitionStart is { } start ? (TakenAt - start).TotalSeconds : 0;

    public static async Task<StorageSnapshot> TakeAsync(NpgsqlDataSource dataSource, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var events = await PartitionCatalog.ReadAsync(connection, TimePartition.EventsTable, ct);
        var keys = await PartitionCatalog.ReadAsync(connection, TimePartition.KeysTable, ct);
        return new(
            now,
            events.Count,
            events.Count > 0 ? events.Min(p => p.Partition.Start) : null,
            events.Sum(p => p.Bytes),
            events.Sum(p => p.EstimatedRows),
            keys.Sum(p => p.Bytes));
    }
}
