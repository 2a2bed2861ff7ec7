using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// Issue 14, item 2: failed token requests are limited per source and per client id, and nobody's
/// failures refuse someone else's correct credentials. Sources arrive as X-Forwarded-For from the
/// configured proxy (127.0.0.1); the shipped limits are 30 failures per source, 20 per client id.
/// </summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class TokenLockoutAttackTests(SecurityApi api)
{
    private const int SourceFailures = 30;
    private const int ClientFailures = 20;

    [Fact]
    public async Task SeventyBadRequestsFromOneSourceCutOffThatSourceButNotTheAdminElsewhere()
    {
        const string attacker = "203.0.113.10";
        var bystanderSecret = await SecurityHttp.RegisterAsync(api, "sec-lockout-bystander", "events:write");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 70; i++)
        {
            using var response = await SecurityHttp.RequestTokenAsync(api, $"sec-nobody-{i}", "guess", attacker);
            statuses.Add(response.StatusCode);
        }

        using var admin = await SecurityHttp.RequestTokenAsync(api, "admin", Integration.ApiFactory.AdminSecret, "198.51.100.10");
        using var bystander = await SecurityHttp.RequestTokenAsync(api, "sec-lockout-bystander", bystanderSecret, "198.51.100.11");

        Assert.All(statuses.Take(SourceFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(SourceFailures), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bystander.StatusCode);
    }

    [Fact]
    public async Task GuessingOneClientsSecretFromManySourcesIsCutOffButItsFamiliarSourceStillGetsTokens()
    {
        const string victim = "sec-lockout-victim";
        var secret = await SecurityHttp.RegisterAsync(api, victim, "events:write");
        const string home = "198.51.100.20";
        await SecurityHttp.TokenAsync(api, victim, secret, home);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ClientFailures + 5; i++)
        {
            using var response = await SecurityHttp.RequestTokenAsync(api, victim, $"guess-{i}", $"203.0.113.{100 + i}");
            statuses.Add(response.StatusCode);
        }
        using var fromHome = await SecurityHttp.RequestTokenAsync(api, victim, secret, home);
        using var fromStranger = await SecurityHttp.RequestTokenAsync(api, victim, secret, "198.51.100.21");

        Assert.All(statuses.Take(ClientFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(ClientFailures), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.OK, fromHome.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromStranger.StatusCode);
        Assert.True(fromStranger.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task AForwardedForHeaderFromACallerThatIsNotAConfiguredProxyIsIgnored()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SourceFailures + 3; i++)
        {
            // Each attempt claims another address; the API must see ::1, the real peer, every time.
            using var response = await SecurityHttp.RequestTokenAsync(api, $"sec-spoof-{i}", "guess", $"192.0.2.{i}", via: api.Ipv6Address);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(SourceFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(SourceFailures), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task IPv6AddressesOfOneSlash64ShareOneBucket()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SourceFailures + 3; i++)
        {
            using var response = await SecurityHttp.RequestTokenAsync(api, $"sec-v6-{i}", "guess", $"2001:db8:14:2::{i + 1:x}");
            statuses.Add(response.StatusCode);
        }
        using var neighbourPrefix = await SecurityHttp.RequestTokenAsync(api, "sec-v6-other", "guess", "2001:db8:14:3::1");

        Assert.All(statuses.Take(SourceFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(SourceFailures), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.Unauthorized, neighbourPrefix.StatusCode);
    }

    [Fact]
    public async Task WithRedisDownGuessingIsStillCutOffByEachReplicasOwnBucket()
    {
        const string attacker = "203.0.113.200";
        api.Redis.Kill();
        try
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < SourceFailures; i++)
            {
                using var response = await SecurityHttp.RequestTokenAsync(api, $"sec-outage-{i}", "guess", attacker);
                statuses.Add(response.StatusCode);
            }

            // The local failure mode keeps a replica's share (limit / 2 replicas) in memory.
            Assert.All(statuses.Take(SourceFailures / 2), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
            Assert.All(statuses.Skip(SourceFailures / 2), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        }
        finally
        {
            await api.Redis.StartAsync();
            await WaitUntilDecidingInRedisAsync();
        }
    }

    // While the circuit is open, decisions use the local buckets with half the limit (q=50 of the
    // read policy's 100); the next test must find the shared buckets again.
    private async Task WaitUntilDecidingInRedisAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await SecurityHttp.SendAsync(api, HttpMethod.Get, $"/v1/events/{Guid.Empty}", api.AdminToken);
            if (SecurityHttp.Header(response, "RateLimit-Policy").Contains("q=100", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return;
            }
            await Task.Delay(500);
        }
    }
}
