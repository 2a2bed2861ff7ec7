using System.Text.Json.Serialization;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.LiveConfig;

/// <summary>A new limit; <c>bucket</c> is the original service's name for the capacity and still works.</summary>
public sealed record LimitChangeRequest(
    [property: JsonPropertyName("capacity")] double? Capacity,
    [property: JsonPropertyName("bucket")] double? Bucket,
    [property: JsonPropertyName("refill")] double? Refill)
{
    public BucketLimit? ToLimit()
    {
        var limit = BucketLimit.Of(Capacity ?? Bucket ?? 0, Refill ?? 0);
        return limit.IsValid() ? limit : null;
    }

    public static Dictionary<string, string[]> Errors => new()
    {
        ["capacity"] = ["capacity (or bucket) must be between 1 and 1e9."],
        ["refill"] = ["refill must be between 0.001 and 1e9 tokens per second."],
    };
}

/// <summary>The live config as answered by the config API; <c>bucket</c>/<c>refill</c> mirror the original's shape.</summary>
public sealed record LimiterConfigResponse(
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("bucket")] double Bucket,
    [property: JsonPropertyName("refill")] double Refill,
    [property: JsonPropertyName("config")] LimiterConfigDocument Config)
{
    public static LimiterConfigResponse From(LimiterConfigSnapshot snapshot) =>
        new(snapshot.Version, snapshot.Document.Default.Capacity, snapshot.Document.Default.Refill, snapshot.Document);
}
