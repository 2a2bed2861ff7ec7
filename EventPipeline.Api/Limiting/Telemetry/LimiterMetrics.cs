using System.Diagnostics.Metrics;
using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.Telemetry;

/// <summary>Decisions by result and policy, Redis round trips and the circuit state; never per client.</summary>
public sealed class LimiterMetrics
{
    public const string MeterName = "EventPipeline.Limiting";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _redisDuration;
    private readonly Counter<long> _knownRefusals;
    private readonly Histogram<int> _batchSize;
    private readonly Counter<long> _redisFailures;
    private readonly Counter<long> _lateRefunds;
    private readonly Counter<long> _stalledWaits;

    public LimiterMetrics(IMeterFactory meterFactory, CircuitBreaker breaker)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("eventpipeline.limiter.decisions", unit: "{decision}",
            description: "Limiter decisions by result and policy.");
        _redisDuration = meter.CreateHistogram<double>("eventpipeline.limiter.redis.duration", unit: "s",
            description: "Round-trip time of the limiter script call.");
        _knownRefusals = meter.CreateCounter<long>("eventpipeline.limiter.known_refusals", unit: "{decision}",
            description: "Refusals answered from a remembered Redis refusal, without a Redis call (also counted in decisions).");
        _batchSize = meter.CreateHistogram<int>("eventpipeline.limiter.redis.batch_size", unit: "{decision}",
            description: "Decisions carried by one script call.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _redisFailures = meter.CreateCounter<long>("eventpipeline.limiter.redis.failures", unit: "{call}",
            description: "Decisions Redis did not answer, by reason: disconnected (the client holds no connection), timeout_queued (never left this replica), timeout_sent (sent, no answer in time), error.");
        _lateRefunds = meter.CreateCounter<long>("eventpipeline.limiter.local.refunds", unit: "{decision}",
            description: "Local-fallback admissions given back because Redis, answering late, had granted them too.");
        _stalledWaits = meter.CreateCounter<long>("eventpipeline.limiter.redis.stalled_waits", unit: "{wait}",
            description: "Decision deadlines extended because this process, not Redis, stalled meanwhile (GC, starved CPU or thread pool).");
        meter.CreateObservableGauge("eventpipeline.limiter.circuit.state", () => (int)breaker.State, unit: "{state}",
            description: "Redis circuit: 0 closed, 1 open, 2 half-open.");
    }

    public void RecordDecision(LimitDecision decision) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("result", decision.MetricResult),
            new KeyValuePair<string, object?>("policy", decision.Policy));

    public void RecordKnownRefusal(string policy) =>
        _knownRefusals.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void RecordStalledWait() => _stalledWaits.Add(1);

    public void RecordBatch(int decisions) => _batchSize.Record(decisions);

    public void RecordRedisFailure(string reason, string policy) =>
        _redisFailures.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("policy", policy));

    public void RecordLateRefund(string policy) =>
        _lateRefunds.Add(1, new KeyValuePair<string, object?>("policy", policy));

    public void RecordRedisDuration(TimeSpan elapsed, bool succeeded) =>
        _redisDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));
}
