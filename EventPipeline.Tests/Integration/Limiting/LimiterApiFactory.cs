using EventPipeline.Api.Identity;
using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>
/// One API replica on the real Redis and PostgreSQL, with header-driven test authentication and
/// test endpoints: <c>/test/limited</c> (policy <c>ingest</c> through the limiting middleware),
/// <c>/test/batch?cost=n</c> (the same policy with a cost, through <c>LimitAsync</c>) and
/// <c>/test/group/limited</c>, <c>/test/group/exempt</c> (a limited group, one endpoint opting out).
/// Given a <paramref name="clock"/>, buckets refill on it instead of Redis's clock, so a test can
/// assert exact tokens and reset times however slowly a busy machine runs its requests.
/// </summary>
// Any public Api type names the entry assembly; `Program` is ambiguous here because the AppHost's
// Program is visible to the tests too.
internal sealed class LimiterApiFactory(LocalRedisServer redis, LocalPostgresServer postgres,
    IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<LimiterOptions>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:redis", redis.ConnectionString);
        builder.UseSetting("ConnectionStrings:eventsdb", postgres.ConnectionString);
        builder.UseSetting("Limiting:RedisTimeoutMilliseconds", "1000");
        // Admission control judges this process's thread pool, which here is the test runner's, shared by
        // every in-process host and test; it would shed on their load. Its tests run it on its own.
        builder.UseSetting("Admission:Enabled", "false");
        builder.UseSetting("Limiting:ConfigPollMilliseconds", "200");
        builder.UseSetting("Identity:SigningKey", ApiFactory.SigningKey);
        builder.UseSetting("Identity:AdminClientSecret", ApiFactory.AdminSecret);
        builder.UseSetting("Identity:DemoClients", "true");
        builder.UseSetting("Identity:DemoClientSecret", ApiFactory.DemoSecret);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
        if (clock is not null)
        {
            builder.UseSetting("Limiting:UseAppTime", "true");
        }
        builder.ConfigureTestServices(services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            services.AddAuthentication(TestAuthHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
            services.AddAuthorizationBuilder()
                .AddPolicy(Scopes.Admin, policy => policy.RequireAssertion(
                    context => context.User.FindFirst("scope")?.Value.Split(' ').Contains("admin") == true));
            services.AddSingleton<IStartupFilter, TestEndpoints>();
        });
    }

    public HttpClient ClientFor(string clientId, string? scope = null, string? tier = null)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.SubHeader, clientId);
        if (scope is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.ScopeHeader, scope);
        }
        if (tier is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.TierHeader, tier);
        }
        return client;
    }

    private sealed class TestEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            // Program's UseRouting leaves its route builder here; endpoints added now are matched
            // by the same routing and pass through the same limiting middleware as production ones.
            var routes = (IEndpointRouteBuilder)app.Properties["__EndpointRouteBuilder"]!;
            routes.MapGet("/test/limited", () => TypedResults.Ok("admitted")).RequireRateLimiting("ingest");
            routes.MapGet("/test/token", () => TypedResults.Ok("admitted")).RequireRateLimiting("token-endpoint").AllowAnonymous();
            routes.MapPost("/test/batch", async (HttpContext context, long cost) =>
                await context.LimitAsync("ingest-batch", cost) ?? TypedResults.Accepted((string?)null));
            var group = routes.MapGroup("/test/group").RequireRateLimiting("ingest");
            group.MapGet("/limited", () => TypedResults.Ok("admitted"));
            group.MapGet("/exempt", () => TypedResults.Ok("admitted")).DisableRateLimiting();
        };
    }
}
