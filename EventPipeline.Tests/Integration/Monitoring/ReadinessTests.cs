using System.Net;
using EventPipeline.Api.Runtime;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Limiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>
/// What <c>/health</c> (readiness, what a balancer routes by) says while a store is down. Redis is
/// shared by every replica, and the limiter has failure modes for its absence: were readiness to fail
/// on it, a Redis outage would take every replica out at once. Owns its Redis and PostgreSQL: it kills them.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ReadinessTests(LocalRedisServer redis, LocalPostgresServer postgres)
    : IClassFixture<LocalRedisServer>, IClassFixture<LocalPostgresServer>
{
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ReadyAndHealthyWhileBothStoresAnswer()
    {
        using var api = new LimiterApiFactory(redis, postgres);
        using var client = api.CreateClient();

        var (status, body) = await ReadinessAsync(client);

        Assert.Equal((HttpStatusCode.OK, "Healthy"), (status, body));
    }

    [Fact]
    public async Task StaysReadyButReadsDegradedWhileRedisIsDownAndServesByTheFailureMode()
    {
        using var api = new LimiterApiFactory(redis, postgres, new Dictionary<string, string?>
        {
            ["Limiting:Policies:ingest:FailureMode"] = "Local",
            ["Limiting:RedisTimeoutMilliseconds"] = "200",
        });
        using var client = api.ClientFor("readiness-redis-down");
        Assert.Equal(HttpStatusCode.OK, (await ReadinessAsync(client)).Status);
        redis.Kill();
        try
        {
            var (status, body) = await ReadinessOnceChangedAsync(client);
            using var request = await client.GetAsync("/test/limited");
            var redisCheck = (await api.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries[RedisReadinessCheck.Name];

            Assert.Equal((HttpStatusCode.OK, "Degraded"), (status, body));
            Assert.Equal(HttpStatusCode.OK, request.StatusCode);
            // Answered from the client's connection state, not by a PING waiting out its 5 s timeout.
            Assert.Equal((HealthStatus.Degraded, null), (redisCheck.Status, redisCheck.Exception));
            Assert.StartsWith("No connection to Redis", redisCheck.Description, StringComparison.Ordinal);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task NotReadyWhilePostgresIsDown()
    {
        using var api = new LimiterApiFactory(redis, postgres);
        using var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await ReadinessAsync(client)).Status);
        postgres.Kill();
        try
        {
            var (status, body) = await ReadinessOnceChangedAsync(client);

            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (status, body));
        }
        finally
        {
            await postgres.StartAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    // Readiness is answered from a report up to CachedReadiness.MaxAge old, and a check against a
    // store that just went away may take a while to fail.
    private static async Task<(HttpStatusCode Status, string Body)> ReadinessOnceChangedAsync(HttpClient client)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var readiness = await ReadinessAsync(client);
        while (readiness.Body == "Healthy" && waited.Elapsed < s_settle)
        {
            await Task.Delay(250);
            readiness = await ReadinessAsync(client);
        }
        return readiness;
    }
}
