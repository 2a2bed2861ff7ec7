using EventPipeline.LocalServers.Processes;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventPipeline.Tests.Infrastructure;

// A hand-written stand-in for the API's token and ingestion endpoints, for testing the load
// generator without the real stack. The admission rule is pluggable so a test can hand it a
// correct bucket or a deliberately wrong one; what it saw is counted for the test to compare.
public sealed class FakeEventApi : IAsyncDisposable
{
    public const string Secret = "fake-demo-secret";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<Guid, byte> _seen = new();

    private FakeEventApi(Func<string, bool> admit, int tokenLifetimeSeconds, bool closeEveryConnection)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        builder.WebHost.UseUrls(Url.ToString());
        _app = builder.Build();
        if (closeEveryConnection)
        {
            // Kestrel closes a connection after a response that says so: every request needs a new one.
            _app.Use((context, next) =>
            {
                context.Response.Headers.Connection = "close";
                return next(context);
            });
        }

        _app.MapPost("/auth/token", (HttpRequest request) =>
        {
            Interlocked.Increment(ref _tokensIssued);
            return IssueToken(request.Form, tokenLifetimeSeconds);
        });
        _app.MapGet("/v1/config/limiter", (HttpRequest request) => request.Headers.Authorization == "Bearer token-admin"
            ? Results.Json(new Dictionary<string, double> { ["bucket"] = 5, ["refill"] = 5 })
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden));
        _app.MapPost("/v1/events", (HttpRequest request) => IngestAsync(request, admit, batch: false));
        _app.MapPost("/v1/events/batch", (HttpRequest request) => IngestAsync(request, admit, batch: true));
    }

    public Uri Url { get; }

    public ConcurrentDictionary<string, int> RequestsByClient { get; } = new();

    public ConcurrentDictionary<int, int> AnswersByStatus { get; } = new();

    /// <summary>Every valid event id received, with its <c>timestamp</c> field when it had one.</summary>
    public ConcurrentDictionary<Guid, string?> Timestamps { get; } = new();

    public int EventsReceived => _events;

    public int TokensIssued => _tokensIssued;

    private int _events;
    private int _tokensIssued;

    public static async Task<FakeEventApi> StartAsync(Func<string, bool>? admit = null, int tokenLifetimeSeconds = 3600, bool closeEveryConnection = false)
    {
        var api = new FakeEventApi(admit ?? (_ => true), tokenLifetimeSeconds, closeEveryConnection);
        await api._app.StartAsync();
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult IssueToken(IFormCollection form, int lifetimeSeconds) =>
        form["grant_type"] == "client_credentials" && form["client_secret"] == Secret
            ? Results.Json(new Dictionary<string, object> { ["access_token"] = $"token-{form["client_id"]}", ["token_type"] = "Bearer", ["expires_in"] = lifetimeSeconds })
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized);

    private async Task<IResult> IngestAsync(HttpRequest request, Func<string, bool> admit, bool batch)
    {
        var client = request.Headers.Authorization.ToString().Replace("Bearer token-", "", StringComparison.Ordinal);
        RequestsByClient.AddOrUpdate(client, 1, (_, n) => n + 1);
        using var body = await JsonDocument.ParseAsync(request.Body);
        var status = !admit(client) ? StatusCodes.Status429TooManyRequests : Classify(body.RootElement, batch);
        AnswersByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        return Results.StatusCode(status);
    }

    private int Classify(JsonElement root, bool batch)
    {
        var events = batch ? root.GetProperty("events").EnumerateArray().ToList() : [root];
        Interlocked.Add(ref _events, events.Count);
        if (!events.TrueForAll(e => e.TryGetProperty("event_id", out var id) && id.TryGetGuid(out _)))
        {
            return StatusCodes.Status400BadRequest;
        }

        foreach (var e in events)
        {
            Timestamps[e.GetProperty("event_id").GetGuid()] = e.TryGetProperty("timestamp", out var timestamp) ? timestamp.GetString() : null;
        }

        var fresh = events.Count(e => _seen.TryAdd(e.GetProperty("event_id").GetGuid(), 0));
        return fresh == events.Count ? StatusCodes.Status202Accepted : StatusCodes.Status200OK;
    }
}
