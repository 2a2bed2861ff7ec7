using System.Diagnostics.Metrics;

namespace EventPipeline.Api.Events.Store;

/// <summary>The ingestion meter: outcomes, rejections, group-commit sizes and times, queue depth.</summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "EventPipeline.Ingestion";

    private readonly Meter _meter;
    private readonly Counter<long> _events;
    private readonly Counter<long> _rejected;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _commitFailures;

    public IngestionMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _events = _meter.CreateCounter<long>("eventpipeline.ingestion.events", "{event}", "Events by stored outcome.");
        _rejected = _meter.CreateCounter<long>("eventpipeline.ingestion.rejected", "{event}", "Events refused before storage, by reason.");
        _batchSize = _meter.CreateHistogram<int>("eventpipeline.ingestion.commit.batch_size", "{event}", "Events per group commit.");
        _commitDuration = _meter.CreateHistogram<double>("eventpipeline.ingestion.commit.duration", "s", "Time of one group commit.");
        _commitFailures = _meter.CreateCounter<long>("eventpipeline.ingestion.commit.failures", "{commit}", "Group commits that failed.");
    }

    public void ObserveQueueDepth(Func<int> depth) =>
        _meter.CreateObservableGauge("eventpipeline.ingestion.queue.depth", depth, "{event}", "Events waiting for the writer.");

    // Exported so an alert can compare the depth with it without knowing the configuration.
    public void ObserveQueueCapacity(int capacity) =>
        _meter.CreateObservableGauge("eventpipeline.ingestion.queue.capacity", () => capacity, "{event}", "Events the queue holds at most.");

    public void RecordOutcome(string outcome, int count = 1) => _events.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecordRejected(string reason, int count = 1) => _rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));

    public void RecordCommit(int batchSize, TimeSpan duration)
    {
        _batchSize.Record(batchSize);
        _commitDuration.Record(duration.TotalSeconds);
    }

    public void RecordCommitFailure() => _commitFailures.Add(1);
}
