using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EventPipeline.Contracts.Events;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Contracts.Live;
using EventPipeline.Contracts.Storage;
using EventPipeline.Dashboard.Auth;

namespace EventPipeline.Dashboard.Services;

/// <summary>The API as the dashboard uses it, always with the signed-in operator's admin token.</summary>
public sealed class PipelineApiClient(HttpClient http, IHttpClientFactory httpClientFactory, ApiTokenCache tokens, DashboardUser user)
{
    public const string LiveStreamClientName = "live-stream";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public Task<LiveSnapshot?> GetSnapshotAsync(CancellationToken ct) => GetAsync<LiveSnapshot>("/v1/live/snapshot", ct);

    public Task<ClientBuckets?> GetBucketsAsync(string clientId, CancellationToken ct) =>
        GetAsync<ClientBuckets>($"/v1/limiter/buckets/{Uri.EscapeDataString(clientId)}", ct);

    public Task<List<TopClient>?> GetTopAsync(CancellationToken ct) => GetAsync<List<TopClient>>("/v1/limiter/top?count=10", ct);

    public Task<LimiterConfigResponse?> GetLimiterConfigAsync(CancellationToken ct) => GetAsync<LimiterConfigResponse>("/v1/config/limiter", ct);

    public Task<List<LimiterConfigVersion>?> GetLimiterHistoryAsync(CancellationToken ct) => GetAsync<List<LimiterConfigVersion>>("/v1/config/limiter/history", ct);

    public Task<EventPage?> GetRecentEventsAsync(CancellationToken ct) => GetAsync<EventPage>("/v1/admin/events?limit=12", ct);

    public Task<StorageStatus?> GetStorageAsync(CancellationToken ct) => GetAsync<StorageStatus>("/v1/admin/storage", ct);

    public Task SetDefaultLimitAsync(double capacity, double refill, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, "/v1/config/limiter", new LimitChangeRequest(capacity, null, refill), ct);

    public Task SetClientLimitAsync(string clientId, double capacity, double refill, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"/v1/config/limiter/clients/{Uri.EscapeDataString(clientId)}", new LimitChangeRequest(capacity, null, refill), ct);

    public Task SetPolicyAsync(string policy, string mode, string failureMode, CancellationToken ct) =>
        SendAsync(HttpMethod.Put, $"/v1/config/limiter/policies/{Uri.EscapeDataString(policy)}", new PolicyOverride(Enum.Parse<PolicyMode>(mode, ignoreCase: true), Enum.Parse<FailureMode>(failureMode, ignoreCase: true)), ct);

    public Task RevertLimiterAsync(long version, CancellationToken ct) => SendAsync(HttpMethod.Post, $"/v1/config/limiter/revert/{version}", null, ct);

    public async Task<string> GetHealthAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("/health", ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>The API's live stream: a snapshot about twice a second until cancelled.</summary>
    public async IAsyncEnumerable<LiveSnapshot> StreamAsync([EnumeratorCancellation] CancellationToken ct)
    {
        using var streamClient = httpClientFactory.CreateClient(LiveStreamClientName);
        using var request = await AuthorizedAsync(HttpMethod.Get, "/v1/live/stream", ct);
        using var response = await streamClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(ct))
        {
            if (JsonSerializer.Deserialize<LiveSnapshot>(item.Data, Json) is { } snapshot)
            {
                yield return snapshot;
            }
        }
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken ct)
    {
        using var request = await AuthorizedAsync(HttpMethod.Get, path, ct);
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct);
    }

    private async Task SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = await AuthorizedAsync(method, path, ct);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
    }

    private async Task<HttpRequestMessage> AuthorizedAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var credentials = await user.CredentialsAsync() ?? throw new ApiCallException("Not signed in.");
        var token = await tokens.TryGetTokenAsync(credentials, ct) ?? throw new ApiCallException("The API refused the dashboard's credentials.");
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadAsStringAsync(ct);
            throw new ApiCallException($"{(int)response.StatusCode} {response.ReasonPhrase}: {problem}");
        }
    }
}

public sealed class ApiCallException(string message) : Exception(message);
