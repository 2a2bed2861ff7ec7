namespace EventPipeline.Contracts.Storage;

/// <summary>The events partitions as the last maintenance pass saw them, with the settings that shape them.</summary>
public sealed record StorageStatus(
    string PartitionInterval,
    int RetentionDays,
    int DedupWindowHours,
    int Partitions,
    DateTimeOffset? OldestPartitionStart,
    double OldestPartitionAgeSeconds,
    long Bytes,
    long EstimatedRows,
    long DedupKeyBytes,
    DateTimeOffset? MeasuredAt);
