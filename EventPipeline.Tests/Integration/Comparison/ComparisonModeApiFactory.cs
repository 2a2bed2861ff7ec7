extern alias Api;

using EventPipeline.Bench.Floor;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventPipeline.Tests.Integration.Comparison;

/// <summary>
/// The API in the original's design (one commit per event, EVAL per decision), composed as
/// bench/FloorApi composes it, against its own PostgreSQL and Redis, so the command counts it reads are its own.
/// </summary>
public sealed class ComparisonModeApiFactory : WebApplicationFactory<Api::Program>, IAsyncLifetime
{
    public LocalPostgresServer Postgres { get; } = new();

    public LocalRedisServer Redis { get; } = new();

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
        builder.UseSetting("Identity:SigningKey", ApiFactory.SigningKey);
        builder.UseSetting("Identity:AdminClientSecret", ApiFactory.AdminSecret);
        builder.UseSetting("Identity:DemoClients", "true");
        builder.UseSetting("Identity:DemoClientSecret", ApiFactory.DemoSecret);
        builder.UseSetting("Limiting:RedisTimeoutMilliseconds", "1000");
        // Admission control judges this process's thread pool, which here is the test runner's, shared by
        // every in-process host and test; it would shed on their load. Its tests run it on its own.
        builder.UseSetting("Admission:Enabled", "false");
        builder.UseSetting("Ingestion:WriteMode", "PerRequest");
        builder.UseSetting("Limiting:ScriptCaching", "false");
        // What bench/FloorApi adds to the API's own Program, after the API's registrations.
        builder.ConfigureServices((context, services) => services.AddComparisonModes(context.Configuration));
    }
}
