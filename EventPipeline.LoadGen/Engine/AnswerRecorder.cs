using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Ledger;

namespace EventPipeline.LoadGen.Engine;

// What every send path records for one request, in the run's recorder, the metrics and the ledger
// alike: when it left, then how it was answered, or that it never was.
public sealed class AnswerRecorder(RunClock clock, RunRecorder recorder, LoadGenMetrics metrics, RequestLedger? ledger)
{
    /// <summary>The request is being written now; returns the instant it left.</summary>
    public double Started(double scheduled)
    {
        var sentAt = clock.Seconds;
        recorder.RecordStarted(scheduled, sentAt);
        metrics.Sent();
        return sentAt;
    }

    /// <summary>An answer with this status (0: the transport failed).</summary>
    public void Answered(int client, double scheduled, double sentAt, int status, Guid? eventId)
    {
        var completed = clock.Seconds;
        ledger?.Record(eventId, client, sentAt, status, completed);
        recorder.RecordCompleted(client, scheduled, sentAt, completed, status);
        metrics.Completed(status == 0 ? Outcome.TransportError : Outcomes.FromStatus(status), completed - scheduled);
    }

    // Sent but never answered: the server may still store it, so the ledger must know it left.
    public void Abandoned(int client, double sentAt, Guid? eventId)
    {
        ledger?.Record(eventId, client, sentAt, 0, clock.Seconds);
        recorder.RecordAbandoned();
    }

    // Due but never written to a connection when the run stopped: the server cannot have it.
    public void NeverSent() => recorder.RecordAbandoned();
}
