using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Events;

/// <summary>The answer to one stored event: <see cref="IngestStatus.Accepted"/> (202) or <see cref="IngestStatus.Duplicate"/> (200).</summary>
public sealed record IngestResult(string Status, string EventId)
{
    [JsonIgnore]
    public bool IsDuplicate => Status == IngestStatus.Duplicate;
}
