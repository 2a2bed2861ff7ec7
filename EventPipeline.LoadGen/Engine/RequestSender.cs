using EventPipeline.LoadGen.Auth;
using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Ledger;

namespace EventPipeline.LoadGen.Engine;

// Sends one request and records its answer. The scheduler thread calls it directly and runs only
// its synchronous part (taking a connection, writing the request); the rest continues wherever
// the response completes, so the schedule never depends on how fast the server answers.
public sealed class RequestSender(
    HttpClient http, Uri target, Version version, IReadOnlyList<ClientToken> tokens, RunClock clock,
    RunRecorder recorder, LoadGenMetrics metrics, RequestLedger? ledger, CancellationToken runStopped)
{
    public async Task SendAsync(int client, double scheduled, HttpContent content, Guid? eventId)
    {
        var sentAt = clock.Seconds;
        recorder.RecordStarted(scheduled, sentAt);
        metrics.Sent();
        int status;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = content, Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            request.Headers.Authorization = tokens[client].Current;
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, runStopped);
            status = (int)response.StatusCode;
        }
        catch (OperationCanceledException) when (runStopped.IsCancellationRequested)
        {
            // Sent but never answered: the server may still store it, so the ledger must know it left.
            ledger?.Record(eventId, client, sentAt, 0, clock.Seconds);
            recorder.RecordAbandoned();
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            status = 0;
        }

        var completed = clock.Seconds;
        ledger?.Record(eventId, client, sentAt, status, completed);
        recorder.RecordCompleted(client, scheduled, sentAt, completed, status);
        metrics.Completed(status == 0 ? Outcome.TransportError : Outcomes.FromStatus(status), completed - scheduled);
    }
}
