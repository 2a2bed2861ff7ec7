using EventPipeline.Contracts.Runs;
using HdrHistogram;

namespace EventPipeline.LoadGen.Engine;

// Microsecond resolution up to ten minutes with three significant digits: a stalled server shows
// up as a real tail instead of being clipped.
public sealed class LatencyHistogram
{
    private readonly LongConcurrentHistogram _histogram = new(1, 600_000_000, 3);

    public void Record(double seconds) =>
        _histogram.RecordValue(Math.Clamp((long)(seconds * 1_000_000), 1, 600_000_000));

    public LatencySummary Summarize()
    {
        var copy = _histogram.Copy();
        if (copy.TotalCount == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }

        double Ms(long micros) => micros / 1000.0;
        return new LatencySummary(
            copy.TotalCount,
            Ms(copy.GetValueAtPercentile(50)),
            Ms(copy.GetValueAtPercentile(90)),
            Ms(copy.GetValueAtPercentile(99)),
            Ms(copy.GetValueAtPercentile(99.9)),
            Ms(copy.GetMaxValue()));
    }
}
