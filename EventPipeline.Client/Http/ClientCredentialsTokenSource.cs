using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace EventPipeline.Client.Http;

/// <summary>
/// Gets tokens with OAuth 2.0 client credentials and keeps one until shortly before it expires;
/// concurrent callers share a single fetch.
/// </summary>
public sealed class ClientCredentialsTokenSource(IHttpClientFactory httpClients, IOptions<EventPipelineClientOptions> options, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "EventPipeline.Client.Token";

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _current;

    public async ValueTask<string> GetTokenAsync(CancellationToken ct)
    {
        if (_current is { } current && time.GetUtcNow() < current.RefreshAt)
        {
            return current.Token;
        }
        await _fetching.WaitAsync(ct);
        try
        {
            if (_current is { } fetched && time.GetUtcNow() < fetched.RefreshAt)
            {
                return fetched.Token;
            }
            return (_current = await FetchAsync(ct)).Value.Token;
        }
        finally
        {
            _fetching.Release();
        }
    }

    /// <summary>Forgets <paramref name="rejected"/> (the API answered 401 to it), unless a newer token already replaced it.</summary>
    public void Invalidate(string rejected)
    {
        if (_current is { } current && current.Token == rejected)
        {
            _current = null;
        }
    }

    private async Task<(string, DateTimeOffset)> FetchAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = settings.ClientId,
            ["client_secret"] = settings.ClientSecret,
        };
        if (!string.IsNullOrWhiteSpace(settings.Scope))
        {
            form["scope"] = settings.Scope;
        }

        var http = httpClients.CreateClient(HttpClientName);
        using var response = await http.PostAsync(new Uri(settings.BaseAddress!, "/auth/token"), new FormUrlEncodedContent(form), ct);
        EventPipelineTelemetry.TokenRequests.Add(1);
        if (!response.IsSuccessStatusCode)
        {
            throw await EventPipelineProblemException.FromAsync(response, ct);
        }
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(ct)
            ?? throw new InvalidOperationException("The token endpoint answered without a body.");
        var lifetime = TimeSpan.FromSeconds(token.ExpiresIn);
        // A token shorter-lived than the margin is still used once rather than never.
        var refreshAt = time.GetUtcNow() + (lifetime > settings.TokenRefreshMargin ? lifetime - settings.TokenRefreshMargin : TimeSpan.Zero);
        return (token.AccessToken, refreshAt);
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);

    public void Dispose() => _fetching.Dispose();
}
