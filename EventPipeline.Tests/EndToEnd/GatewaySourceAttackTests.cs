using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.EndToEnd;

/// <summary>
/// Issue 14, item 2, through the real topology: callers of the AppHost's public port keep their own
/// address on the way to the API's replicas, so one local caller's guessing cannot lock another out.
/// The attacker's socket is bound to another loopback address (127.0.0.2, 127.0.0.3).
/// </summary>
[Collection(SharedRunningSystem.Name)]
[Trait(TestCategories.Cost, TestCategories.EndToEnd)]
public sealed class GatewaySourceAttackTests(RunningSystem system)
{
    private const int SourceFailures = 30;
    private const int ClientFailures = 20;
    private static readonly string[] s_writerScopes = ["events:write"];

    [Fact]
    public async Task SeventyFailedGuessesFromAnotherAddressDoNotLockOutTheClientsOwnAddress()
    {
        const string victim = "e2e-gateway-victim";
        var secret = await RegisterAsync(victim);
        using var home = From("127.0.0.1");
        using var attacker = From("127.0.0.2");
        using var first = await RequestTokenAsync(home, victim, secret);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 70; i++)
        {
            using var guess = await RequestTokenAsync(attacker, victim, $"guess-{i}");
            statuses.Add(guess.StatusCode);
        }
        using var again = await RequestTokenAsync(home, victim, secret);

        // The shipped limits refill while the attack runs, so after the cut-off a guess may pass now and then.
        Assert.All(statuses.Take(ClientFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(ClientFailures));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task AForgedForwardedForSentToThePublicPortIsReplacedByTheCallersAddress()
    {
        using var attacker = From("127.0.0.3");
        var statuses = new List<HttpStatusCode>();
        // Well past the cut-off: the shipped bucket refills one attempt per 10 s, and a loaded machine is slow.
        for (var i = 0; i < SourceFailures * 2; i++)
        {
            // Each attempt claims another address; the gateway must pass on 127.0.0.3 every time.
            using var guess = await RequestTokenAsync(attacker, $"e2e-gateway-spoof-{i}", "guess", forwardedFor: $"192.0.2.{i}");
            statuses.Add(guess.StatusCode);
        }

        // Were the claimed addresses believed, every attempt would be a fresh source and client, and none refused.
        Assert.All(statuses.Take(SourceFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses.Skip(SourceFailures));
    }

    // A client whose connections leave from the given loopback address, to the gateway's IPv4 loopback.
    private HttpClient From(string address)
    {
        var port = system.GatewayUrl.Port;
        var handler = new SocketsHttpHandler
        {
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

    private static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string secret, string? forwardedFor = null)
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

    private async Task<string> RegisterAsync(string clientId)
    {
        using var http = From("127.0.0.1");
        using var tokenResponse = await RequestTokenAsync(http, "admin", RunningSystem.AdminSecret);
        using var tokenBody = await JsonDocument.ParseAsync(await tokenResponse.EnsureSuccessStatusCode().Content.ReadAsStreamAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/clients")
        {
            Content = JsonContent.Create(new { client_id = clientId, scopes = s_writerScopes }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenBody.RootElement.GetProperty("access_token").GetString());
        using var created = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = await JsonDocument.ParseAsync(await created.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("client_secret").GetString()!;
    }
}
