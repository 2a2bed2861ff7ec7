using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace EventPipeline.Tests.Integration.Client;

/// <summary>
/// The innermost handler of the client under test: sees every try that reaches the API, and can
/// play the network's tricks on it (an answer lost after the API acted, a token mangled on the way).
/// </summary>
internal sealed class RecordingHandler : DelegatingHandler
{
    public ConcurrentQueue<(HttpMethod Method, string Path, HttpStatusCode? Status, TimeSpan At, TimeSpan? RetryAfter)> Tries { get; } = new();

    /// <summary>Loses the answer of this many tries matching the path: the API acts, the caller sees a reset connection.</summary>
    public int AnswersToLose { get; set; }

    public string? LoseAnswersOf { get; set; }

    /// <summary>Sends this many tries with a token the API cannot accept.</summary>
    public int TokensToMangle { get; set; }

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Count(string path, HttpStatusCode? status = null) =>
        Tries.Count(t => t.Path == path && (status is null || t.Status == status));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (TokensToMangle > 0 && request.Headers.Authorization is not null)
        {
            TokensToMangle--;
            request.Headers.Authorization = new("Bearer", request.Headers.Authorization.Parameter + "x");
        }
        var response = await base.SendAsync(request, cancellationToken);
        Tries.Enqueue((request.Method, path, response.StatusCode, _clock.Elapsed, response.Headers.RetryAfter?.Delta));
        if (AnswersToLose > 0 && path == LoseAnswersOf)
        {
            AnswersToLose--;
            response.Dispose();
            throw new HttpRequestException("Connection reset by peer (the test lost this answer).");
        }
        return response;
    }
}
