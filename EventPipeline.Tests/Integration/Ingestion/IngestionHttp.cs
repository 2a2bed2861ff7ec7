using System.Net.Http.Headers;
using System.Text;
using EventPipeline.Tests.Integration.Identity;

namespace EventPipeline.Tests.Integration.Ingestion;

/// <summary>A registered client of its own, with a token, for each ingestion test.</summary>
internal sealed class IngestingClient(HttpClient http, string clientId, string token)
{
    public string ClientId { get; } = clientId;

    public string Token { get; } = token;

    public HttpClient Http { get; } = http;

    public static async Task<IngestingClient> RegisterAsync(ApiFactory api, params string[] scopes)
    {
        var http = api.CreateClientWithOwnAddress();
        var clientId = $"ingest-{Guid.NewGuid():N}"[..30];
        var secret = await http.RegisterClientAsync(clientId, scopes.Length > 0 ? scopes : ["events:write", "events:read"]);
        return new IngestingClient(http, clientId, await http.GetTokenAsync(clientId, secret));
    }

    /// <summary>Raises this client's limit through the live limiter config, for tests about storing, not refusing.</summary>
    public Task RaiseLimitAsync() => SetLimitAsync(1_000_000, 1_000_000);

    public async Task SetLimitAsync(double capacity, double refill)
    {
        var adminToken = await Http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        using var response = await Http.SendWithTokenAsync(HttpMethod.Put, $"/v1/config/limiter/clients/{ClientId}", adminToken,
            new { bucket = capacity, refill });
        response.EnsureSuccessStatusCode();
    }

    public static string Event(Guid id, string payload = """{"foo":"bar"}""", string source = "app") =>
        $$"""{"event_id":"{{id}}","source":"{{source}}","payload":{{payload}}}""";

    public Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json") =>
        PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => Http.GetWithTokenAsync(path, Token);
}
