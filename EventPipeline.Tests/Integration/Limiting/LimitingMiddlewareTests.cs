using System.Net;
using System.Net.Http.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>
/// The limiting middleware honours the standard endpoint metadata as <c>UseRateLimiter</c> did: a
/// policy put on a group applies to its endpoints, and <c>DisableRateLimiting</c> exempts one of them.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LimitingMiddlewareTests : IClassFixture<LocalRedisServer>, IClassFixture<LocalPostgresServer>, IDisposable
{
    private readonly LimiterApiFactory _api;

    public LimitingMiddlewareTests(LocalRedisServer redis, LocalPostgresServer postgres) => _api = new LimiterApiFactory(redis, postgres);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task AGroupsPolicyChargesItsEndpointsButNotTheOneThatDisablesRateLimiting()
    {
        await SetClientLimitAsync("mw-group", capacity: 3, refill: 0.001);
        using var client = _api.ClientFor("mw-group");

        using var exempt = await client.GetAsync("/test/group/exempt");
        (await client.GetAsync("/test/group/exempt")).Dispose();
        using var limited = await client.GetAsync("/test/group/limited");

        Assert.Equal(HttpStatusCode.OK, exempt.StatusCode);
        Assert.False(exempt.Headers.Contains("RateLimit"));
        Assert.False(exempt.Headers.Contains("X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.OK, limited.StatusCode);
        Assert.Equal("2", string.Join(",", limited.Headers.GetValues("X-RateLimit-Remaining")));
    }

    [Fact]
    public async Task AnExemptEndpointStillAnswersWhenTheGroupsBucketIsEmpty()
    {
        await SetClientLimitAsync("mw-exempt", capacity: 1, refill: 0.001);
        using var client = _api.ClientFor("mw-exempt");

        (await client.GetAsync("/test/group/limited")).Dispose();
        using var refused = await client.GetAsync("/test/group/limited");
        using var exempt = await client.GetAsync("/test/group/exempt");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exempt.StatusCode);
    }

    private async Task SetClientLimitAsync(string clientId, double capacity, double refill)
    {
        using var admin = _api.ClientFor("admin", scope: "admin");
        using var response = await admin.PutAsJsonAsync($"/v1/config/limiter/clients/{clientId}", new { capacity, refill });
        response.EnsureSuccessStatusCode();
    }
}
