namespace EventPipeline.Api.LiveStats;

/// <summary>
/// A mergeable latency histogram with fixed log-scale buckets (each about 10 % wider than the
/// last, 10 µs to 60 s), so summaries from several replicas add up bucket by bucket and
/// percentiles of the sum are exact to within one bucket.
/// </summary>
public sealed class LatencyHistogram
{
    private const double MinMilliseconds = 0.01;
    private const double Growth = 1.1;
    public const int BucketCount = 165;

    private static readonly double s_logGrowth = Math.Log(Growth);

    public LatencyHistogram() : this(new long[BucketCount])
    {
    }

    private LatencyHistogram(long[] counts) => Counts = counts;

    /// <summary>Counts per bucket; bucket i holds values up to <see cref="UpperBound"/>(i).</summary>
    public long[] Counts { get; }

    public long Total => Counts.Sum();

    public static LatencyHistogram FromCounts(long[] counts)
    {
        if (counts.Length != BucketCount)
        {
            throw new ArgumentException($"A histogram has {BucketCount} buckets, not {counts.Length}.", nameof(counts));
        }
        return new LatencyHistogram((long[])counts.Clone());
    }

    public static double UpperBound(int bucket) => MinMilliseconds * Math.Pow(Growth, bucket);

    public static int BucketOf(double milliseconds) =>
        milliseconds <= MinMilliseconds ? 0 : Math.Min(BucketCount - 1, (int)Math.Ceiling(Math.Log(milliseconds / MinMilliseconds) / s_logGrowth));

    public void Record(double milliseconds) => Interlocked.Increment(ref Counts[BucketOf(milliseconds)]);

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            Counts[i] += other.Counts[i];
        }
    }

    /// <summary>The upper bound of the bucket holding the given percentile, or null when empty.</summary>
    public double? Percentile(double percentile)
    {
        var total = Total;
        if (total == 0)
        {
            return null;
        }
        var rank = (long)Math.Ceiling(percentile / 100 * total);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Counts[i];
            if (seen >= Math.Max(rank, 1))
            {
                return UpperBound(i);
            }
        }
        return UpperBound(BucketCount - 1);
    }
}
