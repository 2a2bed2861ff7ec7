using System.Diagnostics.Metrics;

namespace EventPipeline.Api.Limiting;

/// <summary>Decisions by result and policy, Redis round trips and the circuit state; never per client.</summary>
public sealed class LimiterMetrics
{
    public const string MeterName = "EventPipeline.Limiting";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _redisDuration;
    private readonly Counter<long> _knownRefusals;

    public LimiterMetrics(IMeterFactory meterFactory, CircuitBreaker breaker)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("eventpipeline.limiter.decisions", unit: "{decision}",
            description: "Limiter decisions by result and policy.");
        _redisDuration = meter.CreateHistogram<double>("eventpipeline.limiter.redis.duration", unit: "s",
            description: "Round-trip time of the limiter script call.");
        _knownRefusals = meter.CreateCounter<long>("eventpipeline.limiter.known_refusals", unit: "{decision}",
            description: "Refusals answered from a remembered Redis refusal, without a Redis call (also counted in decisions).");
        meter.CreateObservableGauge("eventpipeline.limiter.circuit.state", () => (int)breaker.State, unit: "{state}",
            description: "Redis circuit: 0 closed, 1 open, 2 half-open.");
    }

    public void RecordDecision(LimitDecision decision) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("result", decision.MetricResult),
            new KeyValuePair<string, object?>("policy", decision.Policy));

    public void RecordKnownRefusal(string policy) =>
        _knownRefusals.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void RecordRedisDuration(TimeSpan elapsed, bool succeeded) =>
        _redisDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));
}
