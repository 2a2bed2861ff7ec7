using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace EventPipeline.AppHost;

/// <summary>
/// An admin token of the API for the Aspire dashboard's load buttons: the load generator's control
/// API accepts only operators, and the AppHost, which holds the admin secret anyway, signs in as one.
/// </summary>
internal static class OperatorToken
{
    public static async Task AuthorizeAsync(HttpCommandRequestContext context, EndpointReference api, ParameterResource adminSecret)
    {
        var secret = await adminSecret.GetValueAsync(context.CancellationToken) ?? "";
        using var http = new HttpClient { BaseAddress = new Uri(api.Url) };
        using var response = await http.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "admin",
            ["client_secret"] = secret,
        }), context.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(context.CancellationToken);
        context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string AccessToken);
}
