using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Api.Events.Store;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    [Range(1024, 16 * 1024 * 1024)]
    public int MaxEventBytes { get; set; } = 64 * 1024;

    [Range(1, 10_000)]
    public int MaxBatchEvents { get; set; } = 500;

    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>Events waiting for the writer; past this, requests get 503 at once.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>The most events one group commit stores.</summary>
    [Range(1, 100_000)]
    public int MaxWriteBatch { get; set; } = 4_000;

    /// <summary>
    /// Group commits in flight at once. One writer waits out each commit's fsync; a few overlap
    /// them, and PostgreSQL flushes the WAL of concurrent commits together.
    /// </summary>
    [Range(1, 64)]
    public int Writers { get; set; } = 4;

    /// <summary>How long a request waits for its commit before answering 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CommitTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
