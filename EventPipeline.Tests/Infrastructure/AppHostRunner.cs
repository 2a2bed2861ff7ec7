using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>Starts the real AppHost in local mode with its own state folder, with explicit timeouts.</summary>
public static class AppHostRunner
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    public static readonly string[] Services = ["api", "gateway", "dashboard", "loadgen"];

    public static async Task<DistributedApplication> StartAsync(string stateDirectory, params string[] extraArgs)
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
        await app.StartAsync(cts.Token);

        foreach (var resource in (string[])["redis", "postgres", "eventsdb", .. Services])
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        }
        return app;
    }

    public static async Task StopAsync(DistributedApplication app)
    {
        using var cts = new CancellationTokenSource(StopTimeout);
        await app.StopAsync(cts.Token);
        await app.DisposeAsync();
    }

    public static string NewStateDirectory() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "eventpipeline-tests", Guid.NewGuid().ToString("N"))).FullName;
}
