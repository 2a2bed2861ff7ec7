using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Limiting;

/// <summary>The live config as answered by the config API; <c>bucket</c>/<c>refill</c> mirror the original's shape.</summary>
public sealed record LimiterConfigResponse(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("bucket")] double Bucket,
    [property: JsonPropertyName("refill")] double Refill,
    [property: JsonPropertyName("config")] LimiterConfigDocument Config);
