using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using EventPipeline.Contracts.Runs;
using EventPipeline.Dashboard.Auth;

namespace EventPipeline.Dashboard.Services;

/// <summary>
/// The load generator's control API: start a profile, read the live status, stop; always with the
/// signed-in operator's admin token of the API, which the load generator has the API check.
/// </summary>
public sealed class LoadGenClient(IHttpClientFactory httpClients, ApiTokenCache tokens, DashboardUser user)
{
    public const string HttpClientName = "loadgen";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<string?> StartAsync(RunOptions run, CancellationToken ct)
    {
        using var request = await AuthorizedAsync(HttpMethod.Post, "/runs", ct);
        request.Content = JsonContent.Create(run, options: s_json);
        using var response = await SendAsync(request, ct);
        return response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(ct);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        using var request = await AuthorizedAsync(HttpMethod.Delete, "/runs/current", ct);
        using var response = await SendAsync(request, ct);
    }

    public async Task<RunReport?> GetCurrentAsync(CancellationToken ct)
    {
        using var request = await AuthorizedAsync(HttpMethod.Get, "/runs/current", ct);
        using var response = await SendAsync(request, ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<RunReport>(s_json, ct) : null;
    }

    private Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
        httpClients.CreateClient(HttpClientName).SendAsync(request, ct);

    private async Task<HttpRequestMessage> AuthorizedAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var credentials = await user.CredentialsAsync() ?? throw new ApiCallException("Not signed in.");
        var token = await tokens.TryGetTokenAsync(credentials, ct) ?? throw new ApiCallException("The API refused the dashboard's credentials.");
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return request;
    }
}
