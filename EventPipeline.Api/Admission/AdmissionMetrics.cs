using System.Diagnostics.Metrics;
using EventPipeline.Api.Runtime;

namespace EventPipeline.Api.Admission;

/// <summary>Requests shed by admission control, and the queueing delay it judges by.</summary>
internal sealed class AdmissionMetrics
{
    public const string MeterName = "EventPipeline.Admission";

    private readonly Counter<long> _shed;

    public AdmissionMetrics(IMeterFactory meterFactory, IQueueDelaySource process)
    {
        var meter = meterFactory.Create(MeterName);
        _shed = meter.CreateCounter<long>("eventpipeline.admission.shed", unit: "{request}",
            description: "Requests refused with 503 because work waited too long for a thread.");
        meter.CreateObservableGauge("eventpipeline.admission.queue_delay", () => process.StandingDelay.TotalSeconds, unit: "s",
            description: "How long work waits in the thread pool's queue now.");
    }

    public void RecordShed() => _shed.Add(1);
}
