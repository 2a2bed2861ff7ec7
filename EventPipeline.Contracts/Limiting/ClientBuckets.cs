using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Limiting;

/// <summary>One client's buckets as they stand now, one per bucket name its policies use.</summary>
public sealed record ClientBuckets([property: JsonPropertyName("client_id")] string ClientId, IReadOnlyList<BucketState> Buckets);

/// <summary>A bucket as it stands now: stored tokens plus the refill since its last write; <see cref="LastRefill"/> null when never written.</summary>
public sealed record BucketState(string Bucket, double Tokens, double Capacity, double Refill, [property: JsonPropertyName("last_refill")] DateTimeOffset? LastRefill);
