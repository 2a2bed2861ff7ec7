using System.Net;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Limiting;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.LiveStats;

/// <summary>
/// The live snapshot while Redis refuses the limiter but not the live stats. Owns its Redis: it
/// changes its access rules. Redis answers every limiter call with NOPERM (the limiter's bucket keys
/// are taken from the default user's key patterns), so the decision path fails for real while the
/// replica's summaries (<c>ep:live:*</c>) and the limiter's config and activity keys still flow.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LimiterHealthApiTests(LocalRedisServer redis, LocalPostgresServer postgres)
    : IClassFixture<LocalRedisServer>, IClassFixture<LocalPostgresServer>
{
    [Fact]
    public async Task WhileRedisRefusesTheLimiterTheSnapshotShowsTheLocalShareAndTheOpenCircuit()
    {
        using var api = new LimiterApiFactory(redis, postgres, new Dictionary<string, string?>
        {
            ["Limiting:Policies:ingest:FailureMode"] = "Local",
            ["Limiting:BreakerMinimumThroughput"] = "3",
            ["Limiting:BreakerSustainedMilliseconds"] = "0",
            // Open for the whole test: the snapshot is read while it is open, not raced against the probe.
            ["Limiting:BreakerOpenMilliseconds"] = "600000",
        });
        using var client = api.ClientFor("health-local");
        using var admin = api.ClientFor("health-admin", scope: "admin");
        await using var redisAdmin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = redisAdmin.GetServer(redisAdmin.GetEndPoints()[0]);

        using (var first = await client.GetAsync("/test/limited"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        // Healthy first. A first decision that outlasted its deadline on a busy machine (connecting, loading
        // the script) counts as degraded for the 10 s health window, so wait for a healthy window rather
        // than read the first snapshot; a replica that never reads healthy still fails here. A decision per
        // poll: once the slow one has left the window, the window must still hold decisions to judge.
        var healthy = await SnapshotWhenAsync(admin, async s =>
        {
            using var response = await client.GetAsync("/test/limited");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return Health(s).GetProperty("decisions").GetInt64() > 0 && Replica(s) is not null
                && !Health(s).GetProperty("degraded").GetBoolean();
        });
        Assert.Equal("closed", Replica(healthy)!.Value.GetProperty("circuit").GetString());
        Assert.Equal(0, Health(healthy).GetProperty("local_share").GetDouble());
        Assert.False(Health(healthy).GetProperty("degraded").GetBoolean());

        await server.ExecuteAsync("ACL", "SETUSER", "default", "resetkeys", "~ep:live:*", "~ep:limiter:*");
        try
        {
            var degraded = await SnapshotWhenAsync(admin, async s =>
            {
                using var response = await client.GetAsync("/test/limited");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return Health(s).GetProperty("local").GetInt64() > 0 && Replica(s)?.GetProperty("circuit").GetString() == "open";
            });

            var health = Health(degraded);
            Assert.InRange(health.GetProperty("local_share").GetDouble(), double.Epsilon, 1);
            Assert.Equal(0, health.GetProperty("failed_open").GetInt64());
            Assert.Equal(0, health.GetProperty("failed_closed").GetInt64());
            Assert.Equal(1, health.GetProperty("circuits_not_closed").GetInt32());
            Assert.True(health.GetProperty("degraded").GetBoolean());
            Assert.Contains(degraded.GetProperty("series").EnumerateArray(), p => p.GetProperty("local").GetInt64() > 0);
        }
        finally
        {
            await server.ExecuteAsync("ACL", "SETUSER", "default", "allkeys");
        }
    }

    private static JsonElement Health(JsonElement snapshot) => snapshot.GetProperty("limiter_health");

    private static JsonElement? Replica(JsonElement snapshot) =>
        snapshot.GetProperty("replicas").EnumerateArray().Select(r => (JsonElement?)r).SingleOrDefault();

    /// <summary>Polls the snapshot: summaries are published once a second.</summary>
    private static async Task<JsonElement> SnapshotWhenAsync(HttpClient admin, Func<JsonElement, Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            using var response = await admin.GetAsync("/v1/live/snapshot");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var snapshot = json.RootElement.Clone();
            if (await condition(snapshot))
            {
                return snapshot;
            }
            Assert.True(DateTime.UtcNow < deadline, $"Within {seconds} s the snapshot did not show it: {snapshot}");
            await Task.Delay(200);
        }
    }
}
