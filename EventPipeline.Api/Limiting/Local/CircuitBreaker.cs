using EventPipeline.Api.Limiting.Policies;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting.Local;

public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}

/// <summary>
/// Judges whether Redis is unhealthy, the way Polly's breaker does: over a sampling window, with a
/// minimum number of calls, the share that failed. One rule more: the failures must be sustained,
/// spread over <see cref="LimiterOptions.BreakerSustainedMilliseconds"/>. A pause of this process
/// (a GC, a starved thread pool) makes every call in flight time out at the same instant when it
/// ends; a Redis that is down or stalled keeps failing call after call. Only the second opens the
/// circuit. Once open, a dead Redis costs one field read per request; after the break one probe is
/// let through, and its success closes the circuit again. Hand-written rather than Polly's: the
/// limiter needs a synchronous, lock-free "may I call?" before it builds the call, and the state as a gauge.
/// </summary>
public sealed class CircuitBreaker(IOptions<LimiterOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private int _state = (int)CircuitState.Closed;
    private long _windowStart = clock.GetTimestamp();
    private int _calls;
    private int _failures;
    private long _firstFailure;
    private long _openUntil;
    private bool _probing;

    public CircuitState State => (CircuitState)Volatile.Read(ref _state);

    public bool TryEnter()
    {
        if (State == CircuitState.Closed)
        {
            return true;
        }
        lock (_gate)
        {
            if (State == CircuitState.Open && clock.GetTimestamp() >= _openUntil)
            {
                SetState(CircuitState.HalfOpen);
                _probing = false;
            }
            if (State == CircuitState.HalfOpen && !_probing)
            {
                _probing = true;
                return true;
            }
            return State == CircuitState.Closed;
        }
    }

    public void RecordSuccess()
    {
        if (State == CircuitState.Closed)
        {
            RollWindowIfDue();
            Interlocked.Increment(ref _calls);
            return;
        }
        lock (_gate)
        {
            _probing = false;
            SetState(CircuitState.Closed);
            StartWindow(clock.GetTimestamp());
        }
    }

    /// <summary>Records a failure; returns true when this failure opened the circuit.</summary>
    public bool RecordFailure()
    {
        lock (_gate)
        {
            var now = clock.GetTimestamp();
            _probing = false;
            if (State == CircuitState.HalfOpen)
            {
                Open(now);
                return true;
            }
            if (State == CircuitState.Open)
            {
                return false;
            }
            RollWindowIfDue();
            Interlocked.Increment(ref _calls);
            if (_failures++ == 0)
            {
                _firstFailure = now;
            }
            if (!IsSustainedFailure(now))
            {
                return false;
            }
            Open(now);
            return true;
        }
    }

    private bool IsSustainedFailure(long now)
    {
        var limits = options.Value;
        var calls = Volatile.Read(ref _calls);
        return calls >= limits.BreakerMinimumThroughput
            && _failures >= limits.BreakerFailureRatio * calls
            && clock.GetElapsedTime(_firstFailure, now).TotalMilliseconds >= limits.BreakerSustainedMilliseconds;
    }

    private void Open(long now)
    {
        SetState(CircuitState.Open);
        _openUntil = now + (long)(options.Value.BreakerOpenMilliseconds / 1000.0 * clock.TimestampFrequency);
    }

    private void RollWindowIfDue()
    {
        var now = clock.GetTimestamp();
        if (clock.GetElapsedTime(Volatile.Read(ref _windowStart), now).TotalMilliseconds < options.Value.BreakerSamplingMilliseconds)
        {
            return;
        }
        lock (_gate)
        {
            if (clock.GetElapsedTime(_windowStart, now).TotalMilliseconds >= options.Value.BreakerSamplingMilliseconds)
            {
                StartWindow(now);
            }
        }
    }

    private void StartWindow(long now)
    {
        Volatile.Write(ref _windowStart, now);
        Volatile.Write(ref _calls, 0);
        _failures = 0;
    }

    private void SetState(CircuitState state) => Volatile.Write(ref _state, (int)state);
}
