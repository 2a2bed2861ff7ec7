using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EventPipeline.Api.LiveStats;

/// <summary>
/// Listens to the API's own instruments in-process, so the live view counts exactly what the
/// Prometheus endpoint exports, at the cost of a dictionary increment per measurement. Only this
/// host's instruments (those of its <see cref="IMeterFactory"/>): a listener hears every instrument
/// of the process by name, and a process holding other hosts or limiters (the tests do) would
/// otherwise count their decisions as this replica's.
/// </summary>
internal sealed class LiveStatsCollector : IDisposable
{
    private const string DecisionsInstrument = "eventpipeline.limiter.decisions";
    private const string IngestedInstrument = "eventpipeline.ingestion.events";
    private const string RedisDurationInstrument = "eventpipeline.limiter.redis.duration";
    private const string RequestDurationInstrument = "http.server.request.duration";

    private readonly MeterListener _listener = new();
    private SecondCounts _current = new();

    public LiveStatsCollector(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && instrument.Name is DecisionsInstrument or IngestedInstrument or RedisDurationInstrument or RequestDurationInstrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnCount);
        _listener.SetMeasurementEventCallback<double>(OnDuration);
        _listener.Start();
    }

    public ConcurrentDictionary<string, long> DecisionTotals { get; } = new();

    public ConcurrentDictionary<string, long> IngestedTotals { get; } = new();

    public LatencyRecorder IngestLatency { get; } = new();

    public LatencyRecorder RedisLatency { get; } = new();

    /// <summary>Hands over the counts gathered since the last call and starts a new second.</summary>
    public SecondCounts TakeSecond() => Interlocked.Exchange(ref _current, new SecondCounts());

    public void Dispose() => _listener.Dispose();

    private void OnCount(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var (tagName, perSecond, totals) = instrument.Name == DecisionsInstrument
            ? ("result", _current.Decisions, DecisionTotals)
            : ("outcome", _current.Ingested, IngestedTotals);
        var key = TagValue(tags, tagName) ?? "unknown";
        perSecond.AddOrUpdate(key, value, (_, old) => old + value);
        totals.AddOrUpdate(key, value, (_, old) => old + value);
    }

    private void OnDuration(Instrument instrument, double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == RedisDurationInstrument)
        {
            RedisLatency.Record(seconds * 1000);
        }
        else if (TagValue(tags, "http.route") is { } route && route.StartsWith("/v1/events", StringComparison.Ordinal)
            && TagValue(tags, "http.request.method") == "POST")
        {
            IngestLatency.Record(seconds * 1000);
        }
    }

    private static string? TagValue(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value?.ToString();
            }
        }
        return null;
    }
}
