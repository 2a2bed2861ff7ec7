using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>Two API replicas on one Redis and one PostgreSQL: live config changes, history and revert.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LimiterConfigApiTests : IClassFixture<LocalRedisServer>, IClassFixture<LocalPostgresServer>, IDisposable
{
    private readonly LocalRedisServer _redis;
    private readonly LocalPostgresServer _postgres;
    private readonly LimiterApiFactory _replicaA;
    private readonly LimiterApiFactory _replicaB;

    public LimiterConfigApiTests(LocalRedisServer redis, LocalPostgresServer postgres)
    {
        (_redis, _postgres) = (redis, postgres);
        _replicaA = new LimiterApiFactory(redis, postgres);
        _replicaB = new LimiterApiFactory(redis, postgres);
    }

    public void Dispose()
    {
        _replicaA.Dispose();
        _replicaB.Dispose();
    }

    [Fact]
    public async Task TheOriginalsBodyChangesTheDefaultOnEveryReplicaAndARevertRestoresIt()
    {
        using var adminA = _replicaA.ClientFor("admin-a", scope: "admin");
        using var adminB = _replicaB.ClientFor("admin-b", scope: "admin");
        using var clientB = _replicaB.ClientFor("config-default");

        var first = await PostDefaultAsync(adminA, new { bucket = 150, refill = 10 });
        var second = await PostDefaultAsync(adminA, new { bucket = 200, refill = 25 });
        await WaitForVersionAsync(adminB, second);
        using var afterChange = await clientB.GetAsync("/test/limited");
        using var revert = await adminA.PostAsync($"/v1/config/limiter/revert/{first}", null);
        var reverted = (await revert.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        await WaitForVersionAsync(adminB, reverted);
        using var afterRevert = await clientB.GetAsync("/test/limited");
        var history = await adminB.GetFromJsonAsync<JsonElement>("/v1/config/limiter/history");

        Assert.Equal("\"ingest\";q=200;w=8", Header(afterChange, "RateLimit-Policy"));
        Assert.Equal(HttpStatusCode.OK, revert.StatusCode);
        Assert.Equal("\"ingest\";q=150;w=15", Header(afterRevert, "RateLimit-Policy"));
        var rows = history.EnumerateArray().ToDictionary(r => r.GetProperty("version").GetInt64());
        Assert.Equal("admin-a", rows[second].GetProperty("changed_by").GetString());
        Assert.Equal(200, rows[second].GetProperty("document").GetProperty("default").GetProperty("capacity").GetDouble());
        Assert.Equal(150, rows[reverted].GetProperty("document").GetProperty("default").GetProperty("capacity").GetDouble());
    }

    [Fact]
    public async Task AClientsOwnLimitBeatsItsTiersWhichBeatsTheDefault()
    {
        using var admin = _replicaA.ClientFor("admin", scope: "admin");
        await PutAsync(admin, "/v1/config/limiter/tiers/gold", new { capacity = 500, refill = 50 });
        var version = await PutAsync(admin, "/v1/config/limiter/clients/config-own", new { capacity = 7, refill = 1 });
        using var readerB = _replicaB.ClientFor("admin", scope: "admin");
        await WaitForVersionAsync(readerB, version);
        using var gold = _replicaB.ClientFor("config-gold", tier: "gold");
        using var own = _replicaB.ClientFor("config-own", tier: "gold");

        using var goldResponse = await gold.GetAsync("/test/limited");
        using var ownResponse = await own.GetAsync("/test/limited");

        Assert.Equal("\"ingest\";q=500;w=10", Header(goldResponse, "RateLimit-Policy"));
        Assert.Equal("\"ingest\";q=7;w=7", Header(ownResponse, "RateLimit-Policy"));
    }

    [Fact]
    public async Task AChangedLimitKeepsTheTokensTheClientHas()
    {
        using var admin = _replicaA.ClientFor("admin", scope: "admin");
        using var client = _replicaA.ClientFor("config-keep");
        await PutAsync(admin, "/v1/config/limiter/clients/config-keep", new { capacity = 100, refill = 0.001 });
        for (var i = 0; i < 10; i++)
        {
            (await client.GetAsync("/test/limited")).Dispose();
        }

        await PutAsync(admin, "/v1/config/limiter/clients/config-keep", new { capacity = 200, refill = 0.001 });
        using var raised = await client.GetAsync("/test/limited");
        await PutAsync(admin, "/v1/config/limiter/clients/config-keep", new { capacity = 50, refill = 0.001 });
        using var lowered = await client.GetAsync("/test/limited");

        Assert.Equal("89", Header(raised, "X-RateLimit-Remaining"));
        Assert.Equal("49", Header(lowered, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task AChangeReachesAnotherReplicaThroughRedisWithoutWaitingForItsPoll()
    {
        var slowPoll = new Dictionary<string, string?> { ["Limiting:ConfigPollMilliseconds"] = "60000" };
        using var replicaC = new LimiterApiFactory(_redis, _postgres, slowPoll);
        using var readerC = replicaC.ClientFor("admin", scope: "admin");
        (await readerC.GetAsync("/v1/config/limiter")).Dispose();
        using var admin = _replicaA.ClientFor("admin", scope: "admin");

        var version = await PutAsync(admin, "/v1/config/limiter/tiers/pubsub", new { capacity = 42, refill = 1 });

        await WaitForVersionAsync(readerC, version);
    }

    [Fact]
    public async Task AVersionWhoseAnnouncementWasLostIsPickedUpByPolling()
    {
        using var readerB = _replicaB.ClientFor("admin", scope: "admin");
        var current = (await readerB.GetFromJsonAsync<JsonElement>("/v1/config/limiter")).GetProperty("config");
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(_postgres.ConnectionString);
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO limiter_config_versions (document, changed_by) VALUES (@document::jsonb, 'silent-writer') RETURNING version");
        insert.Parameters.AddWithValue("document", current.GetRawText());

        var version = (long)(await insert.ExecuteScalarAsync())!;

        await WaitForVersionAsync(readerB, version);
    }

    [Fact]
    public async Task APolicySwitchedToShadowLiveStopsBlockingAndSwitchedBackBlocksAgain()
    {
        using var admin = _replicaA.ClientFor("admin", scope: "admin");
        using var client = _replicaB.ClientFor("config-shadow");
        using var readerB = _replicaB.ClientFor("admin", scope: "admin");
        await PutAsync(admin, "/v1/config/limiter/clients/config-shadow", new { capacity = 1, refill = 0.001 });
        var shadow = await PutAsync(admin, "/v1/config/limiter/policies/ingest", new { mode = "shadow" });
        await WaitForVersionAsync(readerB, shadow);

        using var first = await client.GetAsync("/test/limited");
        using var wouldBeBlocked = await client.GetAsync("/test/limited");
        var enforce = await PutAsync(admin, "/v1/config/limiter/policies/ingest", new { mode = "enforce" });
        await WaitForVersionAsync(readerB, enforce);
        using var blocked = await client.GetAsync("/test/limited");
        using var unknown = await admin.PutAsJsonAsync("/v1/config/limiter/policies/no-such-policy", new { mode = "shadow" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wouldBeBlocked.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task RevertingToAVersionThatDoesNotExistIs404()
    {
        using var admin = _replicaA.ClientFor("admin", scope: "admin");

        using var response = await admin.PostAsync("/v1/config/limiter/revert/999999", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<long> PostDefaultAsync(HttpClient admin, object body)
    {
        using var response = await admin.PostAsJsonAsync("/v1/config/limiter", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }

    private static async Task<long> PutAsync(HttpClient admin, string path, object body)
    {
        using var response = await admin.PutAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
    }

    /// <summary>Waits until the other replica enforces a version (published at once, polled as a safety net).</summary>
    private static async Task WaitForVersionAsync(HttpClient admin, long version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        long seen;
        do
        {
            seen = (await admin.GetFromJsonAsync<JsonElement>("/v1/config/limiter")).GetProperty("version").GetInt64();
            if (seen < version)
            {
                await Task.Delay(50);
            }
        }
        while (seen < version && DateTime.UtcNow < deadline);
        Assert.True(seen >= version, $"The other replica still enforces version {seen}, not {version}.");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
