using System.Diagnostics.Metrics;
using EventPipeline.LoadGen.Checking;

namespace EventPipeline.LoadGen.Engine;

// Tagged by outcome only: client ids stay out of metric labels.
public sealed class LoadGenMetrics
{
    public const string MeterName = "EventPipeline.LoadGen";

    private static readonly double[] LatencyBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _sent;
    private readonly Counter<long> _responses;
    private readonly Histogram<double> _latency;

    public LoadGenMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _sent = meter.CreateCounter<long>("eventpipeline.loadgen.requests", "{request}", "Requests sent, on schedule.");
        _responses = meter.CreateCounter<long>("eventpipeline.loadgen.responses", "{response}", "Responses by outcome.");
        // Seconds need boundaries of their own: the SDK's defaults are sized for milliseconds.
        _latency = meter.CreateHistogram("eventpipeline.loadgen.latency", "s", "Time from a request's scheduled send to its answer.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBoundaries });
    }

    public void Sent() => _sent.Add(1);

    public void Completed(Outcome outcome, double latencySeconds)
    {
        var tag = new KeyValuePair<string, object?>("outcome", Outcomes.Names[(int)outcome]);
        _responses.Add(1, tag);
        _latency.Record(latencySeconds, tag);
    }
}
