using System.Diagnostics.Metrics;

namespace EventPipeline.Api.Events.Store;

/// <summary>The storage meter: the partitions' count, age and size, and what maintenance did.</summary>
internal sealed class StorageMetrics
{
    public const string MeterName = "EventPipeline.Storage";

    private readonly Counter<long> _created;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _failures;
    private volatile StorageSnapshot _latest = StorageSnapshot.None;

    public StorageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("eventpipeline.storage.partitions", () => _latest.Partitions, "{partition}", "Events partitions.");
        meter.CreateObservableGauge("eventpipeline.storage.oldest_partition.age", () => _latest.OldestPartitionAgeSeconds, "s",
            "Age of the oldest events partition's start: how far back events are kept.");
        meter.CreateObservableGauge("eventpipeline.storage.size", () => new Measurement<long>[]
        {
            new(_latest.Bytes, new KeyValuePair<string, object?>("table", TimePartition.EventsTable)),
            new(_latest.DedupKeyBytes, new KeyValuePair<string, object?>("table", TimePartition.KeysTable)),
        }, "By", "Bytes on disk, indexes included.");
        meter.CreateObservableGauge("eventpipeline.storage.rows", () => _latest.EstimatedRows, "{row}", "Stored events, as PostgreSQL estimates them.");
        _created = meter.CreateCounter<long>("eventpipeline.storage.partitions.created", "{partition}", "Partitions created ahead.");
        _dropped = meter.CreateCounter<long>("eventpipeline.storage.partitions.dropped", "{partition}", "Partitions dropped past retention.");
        _failures = meter.CreateCounter<long>("eventpipeline.storage.maintenance.failures", "{pass}", "Maintenance passes that failed.");
    }

    public StorageSnapshot Latest => _latest;

    public void Record(MaintenanceReport report, StorageSnapshot snapshot)
    {
        _created.Add(report.Created.Count);
        _dropped.Add(report.Dropped.Count);
        _latest = snapshot;
    }

    public void RecordFailure() => _failures.Add(1);
}
