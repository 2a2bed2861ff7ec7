using EventPipeline.LoadGen.Auth;

namespace EventPipeline.LoadGen.Engine;

// Sends one request through HttpClient and records its answer. The scheduler thread calls it
// directly and runs only its synchronous part (taking a connection, writing the request); the rest
// continues wherever the response completes, so the schedule never depends on how fast the server
// answers.
public sealed class RequestSender(
    HttpClient http, Uri target, Version version, IReadOnlyList<ClientToken> tokens, AnswerRecorder answers, CancellationToken runStopped)
    : IRequestSender
{
    public void Send(int client, double scheduled, EventContent content, Guid? eventId) =>
        _ = SendAsync(client, scheduled, content, eventId);

    private async Task SendAsync(int client, double scheduled, EventContent content, Guid? eventId)
    {
        var sentAt = answers.Started(scheduled);
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
            answers.Abandoned(client, sentAt, eventId);
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            status = 0;
        }

        answers.Answered(client, scheduled, sentAt, status, eventId);
    }
}
