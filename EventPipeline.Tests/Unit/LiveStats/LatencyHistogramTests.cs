using EventPipeline.Api.LiveStats;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LiveStats;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LatencyHistogramTests
{
    [Fact]
    public void PercentilesAreWithinOneBucketOfTheExactValue()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            histogram.Record(i / 10.0);
        }

        AssertWithinOneBucket(50.0, histogram.Percentile(50)!.Value);
        AssertWithinOneBucket(99.0, histogram.Percentile(99)!.Value);
        AssertWithinOneBucket(100.0, histogram.Percentile(100)!.Value);
    }

    [Fact]
    public void AnEmptyHistogramHasNoPercentile()
    {
        Assert.Null(new LatencyHistogram().Percentile(99));
    }

    [Fact]
    public void MergedHistogramsGiveThePercentilesOfAllTheirValues()
    {
        var fast = new LatencyHistogram();
        var slow = new LatencyHistogram();
        for (var i = 0; i < 900; i++)
        {
            fast.Record(1);
        }
        for (var i = 0; i < 100; i++)
        {
            slow.Record(200);
        }

        var merged = new LatencyHistogram();
        merged.Add(fast);
        merged.Add(slow);

        Assert.Equal(1000, merged.Total);
        AssertWithinOneBucket(1, merged.Percentile(50)!.Value);
        AssertWithinOneBucket(200, merged.Percentile(95)!.Value);
    }

    [Fact]
    public void ValuesBeyondTheRangeLandInTheEdgeBuckets()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0);
        histogram.Record(1e9);

        Assert.Equal(1, histogram.Counts[0]);
        Assert.Equal(1, histogram.Counts[LatencyHistogram.BucketCount - 1]);
    }

    private static void AssertWithinOneBucket(double exact, double reported) =>
        Assert.InRange(reported, exact, exact * 1.1 + 1e-9);
}
