namespace EventPipeline.Api.Runtime;

/// <summary>
/// CoDel's measure of a queue: the least time anything waited in it over the last interval or two.
/// A burst raises single waits and is gone by the next interval; a queue that never empties keeps
/// even the least wait high. With fewer than <paramref name="minimumSamples"/> waits recorded over
/// the two intervals, <see cref="Current"/> is null: too few to tell a queue from one slow moment.
/// </summary>
public sealed class StandingDelay(TimeSpan interval, int minimumSamples = 1, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly long _intervalTicks = Math.Max(1, (long)(interval.TotalSeconds * (clock ?? TimeProvider.System).TimestampFrequency));
    private long _interval = -1;
    private long _currentLeast = long.MaxValue;
    private long _previousLeast = long.MaxValue;
    private int _currentCount;
    private int _previousCount;

    public void Record(TimeSpan waited)
    {
        lock (_gate)
        {
            Roll(_clock.GetTimestamp());
            _currentLeast = Math.Min(_currentLeast, waited.Ticks);
            _currentCount++;
        }
    }

    /// <summary>The least wait recorded over this interval and the one before; null when too few were recorded.</summary>
    public TimeSpan? Current
    {
        get
        {
            lock (_gate)
            {
                Roll(_clock.GetTimestamp());
                if (_currentCount + _previousCount < Math.Max(1, minimumSamples))
                {
                    return null;
                }
                return TimeSpan.FromTicks(Math.Min(_currentLeast, _previousLeast));
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
        var adjacent = index == _interval + 1;
        _previousLeast = adjacent ? _currentLeast : long.MaxValue;
        _previousCount = adjacent ? _currentCount : 0;
        _currentLeast = long.MaxValue;
        _currentCount = 0;
        _interval = index;
    }
}
