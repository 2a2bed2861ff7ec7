using HdrHistogram;

namespace EventPipeline.Api.LiveStats;

/// <summary>
/// Records latencies from any thread and hands them over one interval at a time: a value lands in
/// exactly one interval, and the two histograms are reused instead of allocated every second.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly Recorder _recorder = new(1, LatencyHistogram.HighestMicroseconds, LatencyHistogram.SignificantDigits,
        (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));

    private HistogramBase? _spare;

    public void Record(double milliseconds) => _recorder.RecordValue(LatencyHistogram.ToMicroseconds(milliseconds));

    /// <summary>The values recorded since the last call, encoded. Called by one thread at a time.</summary>
    public string TakeEncoded()
    {
        var interval = _spare is null ? _recorder.GetIntervalHistogram() : _recorder.GetIntervalHistogram(_spare);
        _spare = interval;
        return LatencyHistogram.Encode(interval);
    }
}
