using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>Starts the real AppHost in local mode with its own state folder, with explicit timeouts.</summary>
public static class AppHostRunner
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    public static readonly string[] Services = ["api", "gateway", "dashboard", "loadgen"];

    // Collections run in parallel: three AppHosts starting together (each with two API replicas, the
    // gateway, the dashboard, the load generator, Redis, PostgreSQL and Prometheus) on a 2-core machine
    // once took longer than the timeout. One start at a time keeps each within it.
    private static readonly SemaphoreSlim OneStartAtATime = new(1, 1);

    public static async Task<DistributedApplication> StartAsync(string stateDirectory, params string[] extraArgs)
    {
        await OneStartAtATime.WaitAsync();
        try
        {
            return await StartAloneAsync(stateDirectory, extraArgs);
        }
        finally
        {
            OneStartAtATime.Release();
        }
    }

    private static async Task<DistributedApplication> StartAloneAsync(string stateDirectory, string[] extraArgs)
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        string[] args =
        [
            "--Infrastructure:Mode=local",
            $"--Infrastructure:StateDirectory={stateDirectory}",
            // Resource output and start-up health probes (failing until a server answers) would bury the test's own output.
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:EventPipeline.AppHost.Resources=None",
            "--Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks=None",
            // The public port is the gateway's own (not the orchestrator's): a free one, not a running system's 8080.
            $"--Gateway:Port={EventPipeline.LocalServers.Processes.FreePort.Next()}",
            $"--Dashboard:Port={EventPipeline.LocalServers.Processes.FreePort.Next()}",
            .. extraArgs,
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EventPipeline_AppHost>(args, cts.Token);

        var app = await builder.BuildAsync(cts.Token);
        try
        {
            await app.StartAsync(cts.Token);
            foreach (var resource in (string[])["redis", "postgres", "eventsdb", .. Services])
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            var resources = DescribeResources(app);
            await app.DisposeAsync();
            throw new TimeoutException($"The AppHost did not start within {StartTimeout}; its resources: {resources}");
        }
        return app;
    }

    /// <summary>Each resource's state and health, so a start that timed out says what it waited for.</summary>
    private static string DescribeResources(DistributedApplication app) =>
        string.Join(", ", app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Select(resource =>
            app.ResourceNotifications.TryGetCurrentState(resource.Name, out var current)
                ? $"{resource.Name} {current.Snapshot.State?.Text ?? "no state"}/{current.Snapshot.HealthStatus?.ToString() ?? "no health"}"
                : $"{resource.Name} unknown"));

    public static async Task StopAsync(DistributedApplication app)
    {
        using var cts = new CancellationTokenSource(StopTimeout);
        await app.StopAsync(cts.Token);
        await app.DisposeAsync();
    }

    public static string NewStateDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eventpipeline-tests", Guid.NewGuid().ToString("N"))).FullName;
}
