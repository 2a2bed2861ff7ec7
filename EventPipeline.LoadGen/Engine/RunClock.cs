using System.Diagnostics;

namespace EventPipeline.LoadGen.Engine;

// Seconds since the run started, from the monotonic high-resolution counter.
public sealed class RunClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public double Seconds => (Stopwatch.GetTimestamp() - _start) / (double)Stopwatch.Frequency;
}
