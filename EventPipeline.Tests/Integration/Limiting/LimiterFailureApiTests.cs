using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPipeline.Api.LiveStats;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>What clients see while Redis is down, per failure mode. Owns its Redis: it kills it.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LimiterFailureApiTests(LocalRedisServer redis, LocalPostgresServer postgres)
    : IClassFixture<LocalRedisServer>, IClassFixture<LocalPostgresServer>
{
    [Fact]
    public async Task ClosedModeAnswers503ProblemJsonWithRetryAfterWhileRedisIsDown()
    {
        using var api = StartReplica("Closed");
        using var client = api.ClientFor("failure-closed");
        redis.Kill();
        try
        {
            using var response = await client.GetAsync("/test/limited");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(503, body.GetProperty("status").GetInt32());
            Assert.Equal(5, body.GetProperty("retry_after").GetInt64());
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task OpenModeAdmitsWhileRedisIsDown()
    {
        using var api = StartReplica("Open");
        using var client = api.ClientFor("failure-open");
        redis.Kill();
        try
        {
            using var response = await client.GetAsync("/test/limited");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task LocalModeEnforcesThisReplicasShareWhileRedisIsDown()
    {
        using var api = StartReplica("Local");
        using var client = api.ClientFor("failure-local");
        redis.Kill();
        try
        {
            var statuses = new List<HttpStatusCode>();
            HttpResponseMessage? first = null;
            var sending = System.Diagnostics.Stopwatch.StartNew();
            while (statuses.Count < 200 && !statuses.Contains(HttpStatusCode.TooManyRequests))
            {
                var response = await client.GetAsync("/test/limited");
                statuses.Add(response.StatusCode);
                first ??= response;
            }

            Assert.Equal("\"ingest\";q=50;w=10", first!.Headers.GetValues("RateLimit-Policy").Single());
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
            // The local bucket: its 50 tokens, and the 5/s it refills while the loop runs (a slow
            // machine's loop takes long enough for a few), never more.
            var admitted = statuses.Count(s => s == HttpStatusCode.OK);
            Assert.InRange(admitted, 50, 50 + (int)(5 * sending.Elapsed.TotalSeconds));
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task AReplicaStartedWhileRedisIsDownServesByItsFailureModeAndJoinsTheClusterViewOnceRedisIsBack()
    {
        redis.Kill();
        LimiterApiFactory? api = null;
        try
        {
            // A replica restarted during a Redis outage used to fail its start (the live-stats subscription threw).
            api = StartReplica("Local");
            using var client = api.ClientFor("failure-start");
            using var whileDown = await client.GetAsync("/test/limited");
            Assert.Equal(HttpStatusCode.OK, whileDown.StatusCode);
        }
        finally
        {
            await redis.StartAsync();
        }

        using (api)
        {
            // Its own summaries, published once a second, come back to it through the subscription.
            var view = api.Services.GetRequiredService<ClusterLiveView>();
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (view.Snapshot(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60).Replicas.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(200);
            }
            Assert.NotEmpty(view.Snapshot(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60).Replicas);
        }
    }

    private LimiterApiFactory StartReplica(string failureMode)
    {
        var api = new LimiterApiFactory(redis, postgres, new Dictionary<string, string?>
        {
            ["Limiting:Policies:ingest:FailureMode"] = failureMode,
            ["Limiting:RedisTimeoutMilliseconds"] = "200",
        });
        api.CreateClient().Dispose();
        return api;
    }
}
