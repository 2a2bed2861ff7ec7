using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EventPipeline.Tests.Hardening;

namespace EventPipeline.Tests.Security;

/// <summary>What the attack tests send: token requests from a chosen source, and calls with a client's token.</summary>
internal static class SecurityHttp
{
    /// <summary>A token request through the trusted proxy (127.0.0.1) on behalf of <paramref name="source"/>.</summary>
    public static async Task<HttpResponseMessage> RequestTokenAsync(KestrelApi api, string clientId, string secret, string? source, Uri? via = null)
    {
        using var http = new HttpClient { BaseAddress = via ?? api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }),
        };
        if (source is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", source);
        }
        return await http.SendAsync(request);
    }

    public static async Task<string> TokenAsync(KestrelApi api, string clientId, string secret, string? source = null)
    {
        using var response = await RequestTokenAsync(api, clientId, secret, source);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Registers a client through the admin API and returns its one-time secret.</summary>
    public static async Task<string> RegisterAsync(KestrelApi api, string clientId, params string[] scopes)
    {
        using var created = await SendAsync(api, HttpMethod.Post, "/v1/admin/clients", api.AdminToken, new { client_id = clientId, scopes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = await JsonDocument.ParseAsync(await created.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("client_secret").GetString()!;
    }

    /// <summary>A registered client with the events scopes and a token.</summary>
    public static async Task<string> WriterTokenAsync(KestrelApi api, string clientId) =>
        await TokenAsync(api, clientId, await RegisterAsync(api, clientId, "events:write", "events:read"));

    public static async Task SetClientLimitAsync(KestrelApi api, string clientId, double capacity, double refill)
    {
        using var response = await SendAsync(api, HttpMethod.Put, $"/v1/config/limiter/clients/{clientId}", api.AdminToken, new { bucket = capacity, refill });
        response.EnsureSuccessStatusCode();
    }

    public static async Task<HttpResponseMessage> SendAsync(KestrelApi api, HttpMethod method, string path, string token, object? body = null)
    {
        using var http = api.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostJsonAsync(KestrelApi api, string path, string token, byte[] json, bool gzip = false)
    {
        var content = new ByteArrayContent(gzip ? Gzip(json) : json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        using var http = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.SmallestSize))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
