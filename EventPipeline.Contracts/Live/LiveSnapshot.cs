namespace EventPipeline.Contracts.Live;

/// <summary>What the live stream sends: totals, replicas, latency percentiles, limiter health and the recent per-second series.</summary>
public sealed record LiveSnapshot(
    long UnixSecond,
    Dictionary<string, long> DecisionTotals,
    Dictionary<string, long> IngestedTotals,
    IReadOnlyList<ReplicaSeen> Replicas,
    LatencySummary IngestLatencyMs,
    LatencySummary RedisLatencyMs,
    IReadOnlyList<SeriesPoint> Series,
    LimiterHealth LimiterHealth)
{
    // The original's field names, kept for its consumers.
    public long AllowedTotal => DecisionTotals.GetValueOrDefault("allowed");

    public long BlockedTotal => DecisionTotals.GetValueOrDefault("limited");

    public long ShadowLimitedTotal => DecisionTotals.GetValueOrDefault("shadow_limited");

    /// <summary>The default bucket's capacity and refill per second (the original's single bucket).</summary>
    public double? BucketSize { get; init; }

    public double? RefillRate { get; init; }

    /// <summary>Clients that sent limited requests in the last one to two minutes.</summary>
    public int? Clients { get; init; }
}

/// <summary>A replica's latest summary: when, and its limiter circuit then (closed, open, half_open).</summary>
public sealed record ReplicaSeen(string Replica, long LastSecond, string? Circuit);

public sealed record LatencySummary(double? P50, double? P95, double? P99, long Count);

/// <summary>
/// One cluster second. <see cref="Allowed"/> is every admission (by Redis, locally or failed open) and
/// <see cref="Limited"/> every refusal by a bucket (Redis's or the local one); <see cref="Local"/> and
/// <see cref="FailedOpen"/> say how many of those decisions went without Redis, <see cref="Failed"/> counts failed closed.
/// </summary>
public sealed record SeriesPoint(long T, long Allowed, long Limited, long ShadowLimited, long Failed, long Accepted, long Local, long FailedOpen);
