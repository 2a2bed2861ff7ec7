using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;

namespace EventPipeline.LoadGen.Auth;

// One registered client's bearer token, fetched with client credentials and refreshed at 80 % of
// its lifetime so no request goes out with a token about to expire.
public sealed class ClientToken(HttpClient http, Uri tokenEndpoint, string clientId, string secret)
{
    private const int MaxAttempts = 6;
    private AuthenticationHeaderValue? _current;

    public string ClientId => clientId;

    public AuthenticationHeaderValue Current => Volatile.Read(ref _current)
        ?? throw new InvalidOperationException($"No token yet for {clientId}.");

    public async Task<TimeSpan> FetchAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            });
            using var response = await http.PostAsync(tokenEndpoint, form, cancellationToken);
            // The token endpoint is rate limited too: many clients starting at once wait their turn.
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MaxAttempts)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"POST {tokenEndpoint} for {clientId} answered {(int)response.StatusCode}.");
            }

            var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
                ?? throw new HttpRequestException($"POST {tokenEndpoint} for {clientId} returned no token.");
            Volatile.Write(ref _current, new AuthenticationHeaderValue("Bearer", token.AccessToken));
            return TimeSpan.FromSeconds(Math.Max(1, token.ExpiresIn));
        }
    }

    public async Task RefreshUntilCancelledAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(lifetime * 0.8, cancellationToken);
            try
            {
                lifetime = await FetchAsync(cancellationToken);
            }
            catch (HttpRequestException)
            {
                // Keep the old token (it still has a fifth of its life) and try again soon.
                lifetime = TimeSpan.FromSeconds(5);
            }
        }
    }

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] double ExpiresIn);
}
