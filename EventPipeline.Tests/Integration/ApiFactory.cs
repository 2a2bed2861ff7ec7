extern alias Api;

using System.Net;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration;

/// <summary>The API in-process against a real PostgreSQL and Redis, shared by the API-level tests.</summary>
public sealed class ApiFactory : WebApplicationFactory<Api::Program>, IAsyncLifetime
{
    // 64 bytes, so the test can also sign HS512 tokens with the very same key.
    public const string SigningKey = "integration-tests-signing-key-0123456789-0123456789-0123456789ab";
    public const string AdminSecret = "integration-tests-admin-secret";
    public const string DemoSecret = "integration-tests-demo-secret";
    public const string Issuer = "eventpipeline";
    public const string Audience = "eventpipeline-api";
    public const int TokenEndpointBurst = 30;

    private static int s_nextAddress;

    public LocalPostgresServer Postgres { get; } = new();

    public LocalRedisServer Redis { get; } = new();

    /// <summary>A client whose requests come from an address no other test uses, so per-IP limits never collide.</summary>
    public HttpClient CreateClientWithOwnAddress()
    {
        var client = CreateClient();
        var n = Interlocked.Increment(ref s_nextAddress);
        client.DefaultRequestHeaders.Add(TestRemoteAddress.HeaderName, $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}");
        return client;
    }

    public async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await Redis.InitializeAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:eventsdb", Postgres.ConnectionString);
        builder.UseSetting("ConnectionStrings:redis", Redis.ConnectionString);
        builder.UseSetting("Identity:SigningKey", SigningKey);
        builder.UseSetting("Identity:AdminClientSecret", AdminSecret);
        builder.UseSetting("Identity:DemoClients", "true");
        builder.UseSetting("Identity:DemoClientSecret", DemoSecret);
        // The token endpoints' bucket as a burst allowance that hardly refills while a test runs,
        // so the brute-force tests see exactly where the cut-off falls.
        builder.UseSetting("Limiting:Policies:token-endpoint:Limit:Capacity", TokenEndpointBurst.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Limiting:Policies:token-endpoint:Limit:Refill", "0.001");
        builder.UseSetting("Limiting:Policies:token-client:Limit:Refill", "0.001");
        // These tests check exact bucket figures; on a loaded CI machine a Redis call can exceed the
        // 50 ms production timeout and fall back to the local bucket, which the failure-mode tests cover.
        builder.UseSetting("Limiting:RedisTimeoutMilliseconds", "1000");
        // Admission control judges this process's thread pool, which here is the test runner's, shared by
        // every in-process host and test; it would shed on their load. Its tests run it on its own.
        builder.UseSetting("Admission:Enabled", "false");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestRemoteAddress>());
    }
}

/// <summary>TestServer has no remote address; this sets one from a header so per-IP rate limiting can be tested.</summary>
internal sealed class TestRemoteAddress : IStartupFilter
{
    public const string HeaderName = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            var header = context.Request.Headers[HeaderName].ToString();
            context.Connection.RemoteIpAddress = IPAddress.Parse(header.Length > 0 ? header : "127.0.0.1");
            return nextMiddleware(context);
        });
        next(app);
    };
}

[CollectionDefinition(Name)]
public sealed class SharedApi : ICollectionFixture<ApiFactory>
{
    public const string Name = "API against real PostgreSQL and Redis";
}
