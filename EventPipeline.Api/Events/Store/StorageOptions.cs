using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Api.Events.Store;

public enum PartitionInterval
{
    Hourly,
    Daily,
}

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>The span of one events partition: the unit retention drops.</summary>
    [EnumDataType(typeof(PartitionInterval))]
    public PartitionInterval PartitionInterval { get; set; } = PartitionInterval.Daily;

    /// <summary>Partitions whose whole range is older than this are dropped.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>Partitions kept ready past the current one, so a late maintenance pass never stops ingestion.</summary>
    [Range(1, 1000)]
    public int PartitionsAhead { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MaintenanceInterval { get; set; } = TimeSpan.FromMinutes(1);
}
