using System.Net;
using System.Text;
using EventPipeline.Tests.Infrastructure;
using Npgsql;
using StackExchange.Redis;

namespace EventPipeline.Tests.Security;

/// <summary>Issue 14, item 6: the smaller holes, each attacked from outside.</summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class OperationalAttackTests(SecurityApi api)
{
    [Fact]
    public async Task AClientIdCarryingCrLfNeverReachesTheLog()
    {
        var marker = "FORGED-" + Guid.NewGuid().ToString("N");

        using var response = await SecurityHttp.RequestTokenAsync(api, $"sec-crlf\r\n{marker} admin signed in", "guess", "198.51.100.70");

        // The console logger writes from a queue: wait for the refusal's own line before reading the log.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!api.RecentOutput().Contains("malformed client id", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("malformed client id", api.RecentOutput(), StringComparison.Ordinal);
        Assert.DoesNotContain(marker, api.RecentOutput(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedBodiesAreAnswered400WithoutAnErrorLoggedForEach()
    {
        int Logged() => CountOf(api.RecentOutput(), "BadHttpRequestException");
        var before = Logged();

        for (var i = 0; i < 20; i++)
        {
            using var http = api.CreateClient();
            using var content = new StringContent("{\"client_id\":", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/auth/login", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(before, Logged());
    }

    [Fact]
    public async Task AFloodOfAnonymousHealthProbesDoesNotReachRedis()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(api.Redis.ConnectionString + ",allowAdmin=true");
        var server = redis.GetServers().Single();
        var before = await PingCallsAsync(server);

        using var http = api.CreateClient();
        for (var i = 0; i < 200; i++)
        {
            using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative));
        var pings = await PingCallsAsync(server) - before;

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        // One readiness run serves every probe within its two seconds; 200 probes take far fewer runs.
        Assert.True(pings < 50, $"{pings} PINGs reached Redis for 200 health probes.");
    }

    [Fact]
    public async Task WhilePostgresIsDownAKnownClientIsRefusedOnceTheShortGraceHasPassed()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-stale-status");
        using var before = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/whoami", token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        api.Postgres.Kill();
        try
        {
            // Past the status cache (3 s) and the fixture's grace (2 s): the last answer no longer stands.
            await Task.Delay(TimeSpan.FromSeconds(6));
            using var during = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/whoami", token);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        }
        finally
        {
            await api.Postgres.StartAsync();
            await WaitUntilStoringAsync();
        }
    }

    private Task WaitUntilStoringAsync() => WriterRecovery.WaitUntilEveryLoopStoresAsync(async () =>
    {
        using var stored = await SecurityHttp.PostJsonAsync(api, "/v1/events", api.WriterToken,
            Encoding.UTF8.GetBytes($"{{\"event_id\":\"{Guid.NewGuid()}\",\"source\":\"sec-recovery\",\"payload\":{{}}}}"));
        return stored.StatusCode;
    });

    [Fact]
    public async Task AScopeChangeMadeThroughAnotherReplicaCutsTheTokenOffWithinSeconds()
    {
        var secret = await SecurityHttp.RegisterAsync(api, "sec-revoke-elsewhere", "admin", "events:read");
        var token = await SecurityHttp.TokenAsync(api, "sec-revoke-elsewhere", secret);
        using (var before = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/admin/clients", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // What another replica's PATCH stores; this replica's cache is not told.
        await using (var connection = new NpgsqlConnection(api.Postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "UPDATE clients SET scopes = '{events:read}', token_generation = token_generation + 1 WHERE client_id = 'sec-revoke-elsewhere'", connection);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // Generous bound: the promise is "within the same few seconds as disabling" (a 3 s cache).
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var response = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/admin/clients", token);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static async Task<long> PingCallsAsync(IServer server)
    {
        var stats = await server.InfoAsync("commandstats");
        var ping = stats.SelectMany(g => g).FirstOrDefault(p => p.Key == "cmdstat_ping").Value;
        // "calls=12,usec=..."
        return ping is null ? 0 : long.Parse(ping.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
