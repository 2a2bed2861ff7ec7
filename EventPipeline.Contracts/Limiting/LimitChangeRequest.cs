using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Limiting;

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
