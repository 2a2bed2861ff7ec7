using System.Diagnostics.Metrics;
using EventPipeline.Api.Runtime;

namespace EventPipeline.Api.Admission;

/// <summary>Requests shed by admission control, and the queueing delay it judges by.</summary>
internal sealed class AdmissionMetrics
{
    public const string MeterName = "EventPipeline.Admission";

    private readonly Counter<long> _shed;

    public AdmissionMetrics(IMeterFactory meterFactory, IQueueDelaySource process, IEnumerable<IWriteQueueDelaySource> writes, WritesInProgress inProgress)
    {
        var meter = meterFactory.Create(MeterName);
        _shed = meter.CreateCounter<long>("eventpipeline.admission.shed", unit: "{request}",
            description: "Requests refused with 503 because admitted work waited too long in one of the process's queues, or too many writes were in progress.");
        IQueueDelaySource[] all = [process, .. writes];
        meter.CreateObservableGauge("eventpipeline.admission.queue_delay",
            () => all.Select(q => new Measurement<double>(q.StandingDelay.TotalSeconds, new KeyValuePair<string, object?>("queue", q.Queue))),
            unit: "s", description: "The standing delay of each queue admission control judges by (thread pool, commit, admitted writes' response time).");
        meter.CreateObservableGauge("eventpipeline.admission.writes_in_progress", () => inProgress.Count, unit: "{request}",
            description: "Writes whose body has arrived and that are not answered yet; new writes are refused at eventpipeline.admission.writes_in_progress.limit.");
        meter.CreateObservableGauge("eventpipeline.admission.writes_in_progress.limit", () => inProgress.Limit, unit: "{request}",
            description: "The most writes a replica works on at once (0: no bound).");
    }

    public void RecordShed(string queue) => _shed.Add(1, new KeyValuePair<string, object?>("queue", queue));
}
