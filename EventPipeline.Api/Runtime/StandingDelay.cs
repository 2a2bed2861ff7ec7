using System.Diagnostics;

namespace EventPipeline.Api.Runtime;

/// <summary>
/// CoDel's measure of a queue: the least time anything waited in it over the last interval or two.
/// A burst raises single waits and is gone by the next interval; a queue that never empties keeps
/// even the least wait high. With no wait recorded lately, <see cref="Current"/> is zero.
/// </summary>
public sealed class StandingDelay(TimeSpan interval)
{
    private readonly Lock _gate = new();
    private readonly long _intervalTicks = Math.Max(1, (long)(interval.TotalSeconds * Stopwatch.Frequency));
    private long _interval = -1;
    private long _currentLeast = long.MaxValue;
    private long _previousLeast = long.MaxValue;

    public void Record(TimeSpan waited)
    {
        lock (_gate)
        {
            Roll(Stopwatch.GetTimestamp());
            _currentLeast = Math.Min(_currentLeast, waited.Ticks);
        }
    }

    /// <summary>The least wait recorded over this interval and the one before; null when none was recorded.</summary>
    public TimeSpan? Current
    {
        get
        {
            lock (_gate)
            {
                Roll(Stopwatch.GetTimestamp());
                var least = Math.Min(_currentLeast, _previousLeast);
                return least == long.MaxValue ? null : TimeSpan.FromTicks(least);
            }
        }
    }

    private void Roll(long now)
    {
        var index = now / _intervalTicks;
        if (index == _interval)
        {
            return;
        }
        _previousLeast = index == _interval + 1 ? _currentLeast : long.MaxValue;
        _currentLeast = long.MaxValue;
        _interval = index;
    }
}
