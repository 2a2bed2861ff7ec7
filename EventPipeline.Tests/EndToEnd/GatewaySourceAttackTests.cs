using System.Net;
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

    private HttpClient From(string address) => LoopbackCallers.From(address, system.GatewayUrl.Port);

    private static Task<HttpResponseMessage> RequestTokenAsync(HttpClient http, string clientId, string secret, string? forwardedFor = null) =>
        LoopbackCallers.RequestTokenAsync(http, clientId, secret, forwardedFor);

    private Task<string> RegisterAsync(string clientId) => LoopbackCallers.RegisterAsync(system, clientId, s_writerScopes);
}
