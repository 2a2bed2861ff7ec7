using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Events;

/// <summary>What became of one event of a batch; <see cref="Status"/> is one of <see cref="IngestStatus"/>.</summary>
public sealed record BatchItemResult(
    int Index,
    string Status,
    string? EventId,
    Dictionary<string, string[]>? Errors = null,
    int? RetryAfter = null)
{
    [JsonIgnore]
    public bool IsStored => IngestStatus.IsStored(Status);

    /// <summary>Worth sending again, after <see cref="RetryAfter"/> seconds.</summary>
    [JsonIgnore]
    public bool IsRetryable => IngestStatus.IsRetryable(Status);
}
