using System.Diagnostics.Metrics;
using EventPipeline.LoadGen.Engine;
using EventPipeline.Resilience;
using EventPipeline.Resilience.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Resilience;

/// <summary>
/// The harness's system (redis-server, PostgreSQL, two API replicas of this build as processes,
/// the fault proxies) started once for the collection, with short scenario timings.
/// </summary>
public sealed class ResilienceSystem : IAsyncLifetime
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private PipelineSystem _system = null!;

    public ScenarioRunner Runner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _system = await PipelineSystem.StartAsync(new HarnessSettings
        {
            WorkDirectory = Path.Combine(Path.GetTempPath(), "eventpipeline-tests", "resilience-" + Guid.NewGuid().ToString("N")),
            // The API this test project was built with: bin/<Configuration>/net10.0 above us.
            Configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name,
            Timing = ScenarioTiming.Brief,
            // A shared two-core machine stalls for more than the shipped 50 ms now and then; the
            // faults below are far longer than this, so they still reach the failure mode.
            RedisTimeoutMilliseconds = 200,
        });
        Runner = new ScenarioRunner(_system, new LoadGenMetrics(_services.GetRequiredService<IMeterFactory>()));
        await Runner.WarmUpAsync();
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _services.DisposeAsync();
        try
        {
            Directory.Delete(_system.Settings.WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; the next run uses a new one.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedResilienceSystem : ICollectionFixture<ResilienceSystem>
{
    public const string Name = "The resilience harness's system";
}
