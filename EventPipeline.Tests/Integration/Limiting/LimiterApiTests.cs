using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Limiting;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LimiterApiTests(LocalRedisServer redis, LocalPostgresServer postgres)
    : IClassFixture<LocalRedisServer>, IClassFixture<LocalPostgresServer>, IDisposable
{
    private readonly LimiterApiFactory _api = new(redis, postgres);

    public void Dispose() => _api.Dispose();

    /// <summary>For exact refill figures: the buckets' clock stands still, so a slow run changes nothing.</summary>
    private LimiterApiFactory StoppedClockApi() => new(redis, postgres, clock: new ManualClock(DateTimeOffset.UtcNow));

    [Fact]
    public async Task AnAdmittedResponseCarriesTheIetfAndXRateLimitHeaders()
    {
        await SetClientLimitAsync("api-headers", capacity: 100, refill: 10);
        using var client = _api.ClientFor("api-headers");

        using var response = await client.GetAsync("/test/limited");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"ingest\";q=100;w=10", Header(response, "RateLimit-Policy"));
        Assert.Equal("\"ingest\";r=99;t=1", Header(response, "RateLimit"));
        Assert.Equal("100", Header(response, "X-RateLimit-Limit"));
        Assert.Equal("99", Header(response, "X-RateLimit-Remaining"));
        Assert.Equal("1", Header(response, "X-RateLimit-Reset"));
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task RejectsWith429ProblemJsonAndRetryAfterWhenTheBucketIsEmpty()
    {
        using var api = StoppedClockApi();
        await SetClientLimitAsync(api, "api-429", capacity: 2, refill: 0.1);
        using var client = api.ClientFor("api-429");

        (await client.GetAsync("/test/limited")).Dispose();
        (await client.GetAsync("/test/limited")).Dispose();
        using var refused = await client.GetAsync("/test/limited");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = refused.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.InRange(retryAfter ?? 0, 1, 10);
        Assert.Equal("\"ingest\";r=0;t=20", Header(refused, "RateLimit"));
        Assert.Equal("0", Header(refused, "X-RateLimit-Remaining"));
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, body.GetProperty("status").GetInt32());
        Assert.Equal("rate limit exceeded", body.GetProperty("error").GetString());
        Assert.Equal(retryAfter, body.GetProperty("retry_after").GetInt64());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrEmpty(body.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task ABatchTakesItsWholeCostFromTheClientsBucket()
    {
        using var api = StoppedClockApi();
        await SetClientLimitAsync(api, "api-batch", capacity: 100, refill: 0.5);
        using var client = api.ClientFor("api-batch");

        using var batch = await client.PostAsync("/test/batch?cost=60", null);
        using var single = await client.GetAsync("/test/limited");
        using var tooMany = await client.PostAsync("/test/batch?cost=40", null);

        Assert.Equal(HttpStatusCode.Accepted, batch.StatusCode);
        Assert.Equal("\"ingest-batch\";r=40;t=120", Header(batch, "RateLimit"));
        Assert.Equal("39", Header(single, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.StatusCode);
    }

    [Fact]
    public async Task ACostAboveTheCapacityIsRefusedWith413AndNoRetryAfter()
    {
        await SetClientLimitAsync("api-413", capacity: 10, refill: 1);
        using var client = _api.ClientFor("api-413");

        using var response = await client.PostAsync("/test/batch?cost=11", null);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task TheBucketReadShowsTheLiveBucketAndTheTopListTheBusiestClients()
    {
        await SetClientLimitAsync("api-read", capacity: 50, refill: 0.001);
        using var client = _api.ClientFor("api-read");
        for (var i = 0; i < 30; i++)
        {
            (await client.GetAsync("/test/limited")).Dispose();
        }
        using var admin = _api.ClientFor("admin", scope: "admin");

        var buckets = await admin.GetFromJsonAsync<JsonElement>("/v1/limiter/buckets/api-read");
        var ingest = buckets.GetProperty("buckets").EnumerateArray().Single(b => b.GetProperty("bucket").GetString() == "ingest");
        Assert.Equal(50, ingest.GetProperty("capacity").GetDouble());
        Assert.InRange(ingest.GetProperty("tokens").GetDouble(), 20, 21);
        Assert.Equal(JsonValueKind.String, ingest.GetProperty("last_refill").ValueKind);

        // Each replica flushes its counts once a second, so the list catches up within a few.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        double admitted;
        do
        {
            await Task.Delay(200);
            var top = await admin.GetFromJsonAsync<JsonElement>("/v1/limiter/top");
            admitted = top.EnumerateArray().Where(c => c.GetProperty("client_id").GetString() == "api-read")
                .Sum(c => c.GetProperty("admitted").GetDouble());
        }
        while (admitted < 30 && DateTime.UtcNow < deadline);
        Assert.Equal(30, admitted);
    }

    [Fact]
    public async Task TheTokenEndpointPolicyLimitsCallersWithoutAUserByAddress()
    {
        using var api = StoppedClockApi();
        using var anonymous = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        string? policy = null;
        for (var i = 0; i < 31; i++)
        {
            using var response = await anonymous.GetAsync("/test/token");
            statuses.Add(response.StatusCode);
            policy ??= Header(response, "RateLimit-Policy");
        }

        Assert.Equal("\"token-endpoint\";q=30;w=300", policy);
        Assert.Equal(30, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task TheAdminRoutesNeedTheAdminScope()
    {
        using var anonymous = _api.CreateClient();
        using var writer = _api.ClientFor("api-writer", scope: "events:write");

        using var noUser = await anonymous.GetAsync("/v1/config/limiter");
        using var noScope = await writer.GetAsync("/v1/limiter/top");

        Assert.Equal(HttpStatusCode.Unauthorized, noUser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
    }

    [Fact]
    public async Task AnInvalidLimitIsRefusedWithAValidationProblem()
    {
        using var admin = _api.ClientFor("admin", scope: "admin");

        using var response = await admin.PutAsJsonAsync("/v1/config/limiter/clients/api-invalid", new { capacity = 0, refill = 5 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private Task SetClientLimitAsync(string clientId, double capacity, double refill) =>
        SetClientLimitAsync(_api, clientId, capacity, refill);

    private static async Task SetClientLimitAsync(LimiterApiFactory api, string clientId, double capacity, double refill)
    {
        using var admin = api.ClientFor("admin", scope: "admin");
        using var response = await admin.PutAsJsonAsync($"/v1/config/limiter/clients/{clientId}", new { capacity, refill });
        response.EnsureSuccessStatusCode();
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
