using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.EndToEnd;

/// <summary>
/// Callers from other addresses on one machine: each client's connections leave from a loopback
/// address of its own (127.0.0.2, 127.0.0.3, ...), so the system sees distinct sources.
/// </summary>
internal static class LoopbackCallers
{
    /// <summary>A client whose connections leave from <paramref name="address"/> to 127.0.0.1:<paramref name="port"/>.</summary>
    public static HttpClient From(string address, int port, bool followRedirects = true)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = followRedirects,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string secret, string? forwardedFor = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = secret,
            }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Registers a client through the public gateway as the admin; its secret.</summary>
    public static async Task<string> RegisterAsync(RunningSystem system, string clientId, string[] scopes)
    {
        using var http = From("127.0.0.1", system.GatewayUrl.Port);
        using var tokenResponse = await RequestTokenAsync(http, "admin", RunningSystem.AdminSecret);
        using var tokenBody = await JsonDocument.ParseAsync(await tokenResponse.EnsureSuccessStatusCode().Content.ReadAsStreamAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/clients")
        {
            Content = JsonContent.Create(new { client_id = clientId, scopes }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenBody.RootElement.GetProperty("access_token").GetString());
        using var created = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = await JsonDocument.ParseAsync(await created.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("client_secret").GetString()!;
    }
}
