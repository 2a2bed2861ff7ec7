using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting;

public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2,
}

/// <summary>
/// Opens after consecutive Redis failures so a dead Redis costs one field read per request; after the
/// break one probe is let through, and its success closes the circuit again. Hand-written rather than
/// Polly's: the limiter needs a synchronous "may I call?" before building the call, and the state as a gauge.
/// </summary>
public sealed class CircuitBreaker(IOptions<LimiterOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private int _failures;
    private long _openUntil;
    private bool _probing;

    public CircuitState State { get; private set; } = CircuitState.Closed;

    public bool TryEnter()
    {
        lock (_gate)
        {
            if (State == CircuitState.Closed)
            {
                return true;
            }
            if (State == CircuitState.Open && clock.GetTimestamp() >= _openUntil)
            {
                State = CircuitState.HalfOpen;
                _probing = false;
            }
            if (State == CircuitState.HalfOpen && !_probing)
            {
                _probing = true;
                return true;
            }
            return false;
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _probing = false;
            State = CircuitState.Closed;
        }
    }

    /// <summary>Records a failure; returns true when this failure opened the circuit.</summary>
    public bool RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            _probing = false;
            if (State == CircuitState.HalfOpen || _failures >= options.Value.BreakerFailureThreshold)
            {
                var opened = State != CircuitState.Open;
                State = CircuitState.Open;
                _openUntil = clock.GetTimestamp() + (long)(options.Value.BreakerOpenMilliseconds / 1000.0 * clock.TimestampFrequency);
                return opened;
            }
            return false;
        }
    }
}
