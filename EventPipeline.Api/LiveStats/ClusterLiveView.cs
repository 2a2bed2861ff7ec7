using EventPipeline.Contracts.Live;

namespace EventPipeline.Api.LiveStats;

/// <summary>
/// Merges the replicas' one-second summaries into cluster seconds (the last ten minutes) and
/// cluster totals (the sum of each replica's latest totals).
/// </summary>
public sealed class ClusterLiveView
{
    public const int SecondsKept = 600;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, ClusterSecond> _seconds = [];
    private readonly Dictionary<string, ReplicaSummary> _latestByReplica = [];

    public void Add(ReplicaSummary summary)
    {
        lock (_lock)
        {
            if (!_seconds.TryGetValue(summary.UnixSecond, out var second))
            {
                second = new ClusterSecond(summary.UnixSecond);
                _seconds[summary.UnixSecond] = second;
            }
            second.Add(summary);

            if (!_latestByReplica.TryGetValue(summary.Replica, out var latest) || latest.UnixSecond < summary.UnixSecond)
            {
                _latestByReplica[summary.Replica] = summary;
            }

            while (_seconds.Count > SecondsKept)
            {
                _seconds.Remove(_seconds.Keys.First());
            }
            ReleaseLatencyOlderThan(_seconds.Keys.Max() - LatencySecondsKept);
        }
    }

    public const int HealthWindowSeconds = 10;

    /// <summary>Seconds behind the newest whose latency is kept: the health window plus some slack for late replicas.</summary>
    public const int LatencySecondsKept = HealthWindowSeconds + 5;

    // Only the health window reads latency, so ten minutes of histograms would be memory spent for nothing.
    private void ReleaseLatencyOlderThan(long oldestKept)
    {
        foreach (var second in _seconds.Values)
        {
            if (second.UnixSecond >= oldestKept)
            {
                break;
            }
            second.ReleaseLatency();
        }
    }

    public LiveSnapshot Snapshot(long nowUnixSecond, int seriesSeconds)
    {
        lock (_lock)
        {
            var recent = _seconds.Values.Where(s => s.UnixSecond > nowUnixSecond - seriesSeconds - 1).ToList();
            // Summaries are published for the second just ended, so the window is the ten seconds before now.
            var window = _seconds.Values.Where(s => s.UnixSecond >= nowUnixSecond - HealthWindowSeconds).ToList();
            var ingest = new LatencyHistogram();
            var redis = new LatencyHistogram();
            foreach (var second in window)
            {
                if (second.IngestLatency is { } secondIngest)
                {
                    ingest.Add(secondIngest);
                }
                if (second.RedisLatency is { } secondRedis)
                {
                    redis.Add(secondRedis);
                }
            }
            var reporting = _latestByReplica.Values.Where(r => r.UnixSecond >= nowUnixSecond - HealthWindowSeconds);

            return new LiveSnapshot(
                nowUnixSecond,
                Sum(r => r.DecisionTotals),
                Sum(r => r.IngestedTotals),
                _latestByReplica.Values.Select(r => new ReplicaSeen(r.Replica, r.UnixSecond, r.Circuit)).OrderBy(r => r.Replica).ToList(),
                SnapshotParts.Latency(ingest),
                SnapshotParts.Latency(redis),
                recent.Select(SnapshotParts.Point).ToList(),
                SnapshotParts.Health(window, reporting, HealthWindowSeconds));
        }
    }

    private Dictionary<string, long> Sum(Func<ReplicaSummary, Dictionary<string, long>> totals)
    {
        var sum = new Dictionary<string, long>();
        foreach (var replica in _latestByReplica.Values)
        {
            foreach (var (key, value) in totals(replica))
            {
                sum[key] = sum.GetValueOrDefault(key) + value;
            }
        }
        return sum;
    }
}
