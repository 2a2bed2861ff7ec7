namespace EventPipeline.Api.LiveStats;

/// <summary>One second of the whole cluster: the sum of every replica's summary for that second.</summary>
public sealed class ClusterSecond(long unixSecond)
{
    public long UnixSecond { get; } = unixSecond;

    public Dictionary<string, long> Decisions { get; } = [];

    public Dictionary<string, long> Ingested { get; } = [];

    public LatencyHistogram IngestLatency { get; } = new();

    public LatencyHistogram RedisLatency { get; } = new();

    public HashSet<string> Replicas { get; } = [];

    public void Add(ReplicaSummary summary)
    {
        // A replica's summary for a second counts once, even if it is seen twice (channel and history).
        if (!Replicas.Add(summary.Replica))
        {
            return;
        }
        AddAll(Decisions, summary.Decisions);
        AddAll(Ingested, summary.Ingested);
        IngestLatency.Add(LatencyHistogram.FromCounts(summary.IngestLatency));
        RedisLatency.Add(LatencyHistogram.FromCounts(summary.RedisLatency));
    }

    public long Decided(string result) => Decisions.GetValueOrDefault(result);

    private static void AddAll(Dictionary<string, long> into, Dictionary<string, long> from)
    {
        foreach (var (key, value) in from)
        {
            into[key] = into.GetValueOrDefault(key) + value;
        }
    }
}
