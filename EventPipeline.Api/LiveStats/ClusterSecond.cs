namespace EventPipeline.Api.LiveStats;

/// <summary>One second of the whole cluster: the sum of every replica's summary for that second.</summary>
public sealed class ClusterSecond(long unixSecond)
{
    public long UnixSecond { get; } = unixSecond;

    public Dictionary<string, long> Decisions { get; } = [];

    public Dictionary<string, long> Ingested { get; } = [];

    /// <summary>Null when no replica reported this second yet, or once it is too old to be read.</summary>
    public LatencyHistogram? IngestLatency { get; private set; }

    public LatencyHistogram? RedisLatency { get; private set; }

    public HashSet<string> Replicas { get; } = [];

    public void Add(ReplicaSummary summary)
    {
        // A replica's summary for a second counts once, even if it is seen twice (channel and history).
        if (Replicas.Contains(summary.Replica))
        {
            return;
        }
        // Decoded first, so a malformed summary is refused before any of it counts.
        var ingest = LatencyHistogram.Decode(summary.IngestLatency);
        var redis = LatencyHistogram.Decode(summary.RedisLatency);
        Replicas.Add(summary.Replica);
        AddAll(Decisions, summary.Decisions);
        AddAll(Ingested, summary.Ingested);
        IngestLatency = Merge(IngestLatency, ingest);
        RedisLatency = Merge(RedisLatency, redis);
    }

    /// <summary>Gives back the latency histograms (about 20 kB each); the counts stay for the series.</summary>
    public void ReleaseLatency()
    {
        IngestLatency = null;
        RedisLatency = null;
    }

    public long Decided(string result) => Decisions.GetValueOrDefault(result);

    private static LatencyHistogram Merge(LatencyHistogram? into, LatencyHistogram from)
    {
        if (into is null)
        {
            return from;
        }
        into.Add(from);
        return into;
    }

    private static void AddAll(Dictionary<string, long> into, Dictionary<string, long> from)
    {
        foreach (var (key, value) in from)
        {
            into[key] = into.GetValueOrDefault(key) + value;
        }
    }
}
