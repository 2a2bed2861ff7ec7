using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using EventPipeline.Dashboard.Auth;

namespace EventPipeline.Dashboard.Services;

/// <summary>Client-credentials tokens from the API, reused until a minute before they expire.</summary>
public sealed class ApiTokenCache(IHttpClientFactory httpClientFactory, TimeProvider time)
{
    public const string HttpClientName = "api-token";

    private static readonly TimeSpan s_renewBefore = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<ApiCredentials, ApiToken> _tokens = new();

    public async Task<ApiToken?> TryGetTokenAsync(ApiCredentials credentials, CancellationToken ct)
    {
        if (_tokens.TryGetValue(credentials, out var cached) && cached.ExpiresAt - s_renewBefore > time.GetUtcNow())
        {
            return cached;
        }

        using var client = httpClientFactory.CreateClient(HttpClientName);
        using var response = await client.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = credentials.ClientId,
            ["client_secret"] = credentials.ClientSecret,
        }), ct);
        if (!response.IsSuccessStatusCode)
        {
            _tokens.TryRemove(credentials, out _);
            return null;
        }

        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(ct) ?? throw new InvalidOperationException("Empty token response.");
        var token = new ApiToken(body.AccessToken, time.GetUtcNow().AddSeconds(body.ExpiresIn), ReadScopes(body.AccessToken));
        _tokens[credentials] = token;
        return token;
    }

    // The dashboard only reads the scope claim it was just given, to refuse non-admin sign-ins early;
    // the API validates every token it receives.
    private static string[] ReadScopes(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            return [];
        }
        var payload = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
        return payload.RootElement.TryGetProperty("scope", out var scope) ? (scope.GetString() ?? "").Split(' ') : [];
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}

public sealed record ApiToken(string AccessToken, DateTimeOffset ExpiresAt, string[] Scopes);
