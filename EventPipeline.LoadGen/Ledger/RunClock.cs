using System.Diagnostics;

namespace EventPipeline.LoadGen.Ledger;

// Seconds since the run started, from the monotonic high-resolution counter; StartedAt anchors
// them to the wall clock for anyone lining the run up with events outside it.
public sealed class RunClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public double Seconds => (Stopwatch.GetTimestamp() - _start) / (double)Stopwatch.Frequency;
}
