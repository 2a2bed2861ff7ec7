namespace EventPipeline.Api.LiveStats;

/// <summary>
/// What one API replica saw in one second, published once a second. Counts are for that second;
/// totals are the replica's counters since it started, the same values Prometheus scrapes.
/// The latencies are <see cref="LatencyHistogram"/>s in HdrHistogram's compressed encoding, base64.
/// <see cref="Circuit"/> is the limiter's circuit when published (null from replicas that predate it).
/// </summary>
public sealed record ReplicaSummary(
    string Replica,
    long UnixSecond,
    Dictionary<string, long> Decisions,
    Dictionary<string, long> Ingested,
    Dictionary<string, long> DecisionTotals,
    Dictionary<string, long> IngestedTotals,
    string IngestLatency,
    string RedisLatency,
    string? Circuit = null);
