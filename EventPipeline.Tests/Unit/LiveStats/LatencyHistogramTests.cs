using EventPipeline.Api.LiveStats;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LiveStats;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LatencyHistogramTests
{
    [Fact]
    public void PercentilesAreWithinOnePercentAboveTheExactValue()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 1000; i++)
        {
            histogram.Record(i / 10.0);
        }

        AssertWithinOnePercent(50.0, histogram.Percentile(50)!.Value);
        AssertWithinOnePercent(99.0, histogram.Percentile(99)!.Value);
        AssertWithinOnePercent(100.0, histogram.Percentile(100)!.Value);
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
        AssertWithinOnePercent(1, merged.Percentile(50)!.Value);
        AssertWithinOnePercent(200, merged.Percentile(95)!.Value);
    }

    [Fact]
    public void ValuesBeyondTheRangeCountAtItsEdges()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0);
        histogram.Record(1e9);

        Assert.Equal(2, histogram.Total);
        Assert.Equal(0.001, histogram.Percentile(50));
        AssertWithinOnePercent(LatencyHistogram.HighestMicroseconds / 1000.0, histogram.Percentile(100)!.Value);
    }

    [Fact]
    public void AHistogramSurvivesItsCompressedEncodingValueForValue()
    {
        var histogram = new LatencyHistogram();
        for (var i = 1; i <= 500; i++)
        {
            histogram.Record(i * 0.37);
        }

        var decoded = LatencyHistogram.Decode(histogram.Encode());

        Assert.Equal(histogram.Total, decoded.Total);
        foreach (var percentile in new[] { 1.0, 50, 90, 99, 99.9, 100 })
        {
            Assert.Equal(histogram.Percentile(percentile), decoded.Percentile(percentile));
        }
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public void TextThatIsNotAnEncodedHistogramIsAFormatError(string encoded)
    {
        Assert.Throws<FormatException>(() => LatencyHistogram.Decode(encoded));
    }

    [Fact]
    public void AHistogramOfAWiderRangeIsRefusedRatherThanClipped()
    {
        var wider = new HdrHistogram.LongHistogram(LatencyHistogram.HighestMicroseconds * 10, LatencyHistogram.SignificantDigits);
        wider.RecordValue(LatencyHistogram.HighestMicroseconds * 5);

        Assert.Throws<FormatException>(() => LatencyHistogram.Decode(LatencyHistogram.Encode(wider)));
    }

    private static void AssertWithinOnePercent(double exact, double reported) =>
        Assert.InRange(reported, exact, exact * 1.01);
}
