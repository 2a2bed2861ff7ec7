using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Limiting;

/// <summary>One stored version of the live limiter config: the whole document, who changed it and when.</summary>
public sealed record LimiterConfigVersion(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("document")] LimiterConfigDocument Document,
    [property: JsonPropertyName("changed_by")] string ChangedBy,
    [property: JsonPropertyName("changed_at")] DateTimeOffset ChangedAt);
