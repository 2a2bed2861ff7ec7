using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Admission;

/// <summary>Requests admitted and shed by admission control, and the slots in use.</summary>
internal sealed class AdmissionMetrics
{
    public const string MeterName = "EventPipeline.Admission";

    private readonly Counter<long> _requests;

    public AdmissionMetrics(IMeterFactory meterFactory, ConcurrencyLimiter slots, IOptions<AdmissionOptions> options)
    {
        var limit = options.Value.MaxConcurrentRequests;
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("eventpipeline.admission.requests", unit: "{request}",
            description: "Requests by admission result: admitted, or shed with 503 because the replica was at capacity.");
        meter.CreateObservableGauge("eventpipeline.admission.active", () => limit - (slots.GetStatistics()?.CurrentAvailablePermits ?? limit), unit: "{request}",
            description: "Requests being worked on now.");
        meter.CreateObservableGauge("eventpipeline.admission.queued", () => slots.GetStatistics()?.CurrentQueuedCount ?? 0, unit: "{request}",
            description: "Requests waiting for a slot now.");
    }

    public void RecordAdmitted() => _requests.Add(1, new KeyValuePair<string, object?>("result", "admitted"));

    public void RecordShed() => _requests.Add(1, new KeyValuePair<string, object?>("result", "shed"));
}
