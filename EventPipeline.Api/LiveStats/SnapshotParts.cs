using EventPipeline.Contracts.Live;

namespace EventPipeline.Api.LiveStats;

/// <summary>Builds the live stream's wire types (EventPipeline.Contracts) from this replica's cluster view.</summary>
public static class SnapshotParts
{
    public static LatencySummary Latency(LatencyHistogram histogram) =>
        new(histogram.Percentile(50), histogram.Percentile(95), histogram.Percentile(99), histogram.Total);

    public static SeriesPoint Point(ClusterSecond second) => new(
        second.UnixSecond,
        second.Decided("allowed") + second.Decided("local") + second.Decided("failed_open"),
        second.Decided("limited") + second.Decided("local_limited"),
        second.Decided("shadow_limited"),
        second.Decided("failed_closed"),
        second.Ingested.GetValueOrDefault("accepted"),
        second.Decided("local") + second.Decided("local_limited"),
        second.Decided("failed_open"));

    public static LimiterHealth Health(IReadOnlyCollection<ClusterSecond> window, IEnumerable<ReplicaSummary> reportingReplicas, int windowSeconds) => new(
        windowSeconds,
        window.Sum(s => s.Decisions.Values.Sum()),
        window.Sum(s => s.Decided("local") + s.Decided("local_limited")),
        window.Sum(s => s.Decided("failed_open")),
        window.Sum(s => s.Decided("failed_closed")),
        reportingReplicas.Count(r => r.Circuit is not null and not CircuitStateName.Closed));
}
