using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>
/// The whole system started once through the real AppHost (local mode) and shared by a collection,
/// with known secrets so tests can sign in and mint tokens.
/// </summary>
public sealed class RunningSystem : IAsyncLifetime
{
    public const string AdminSecret = "browser-tests-admin-secret-0123456789";
    public const string DemoSecret = "browser-tests-demo-secret-0123456789";

    public DistributedApplication App { get; private set; } = null!;

    public Uri DashboardUrl => App.GetEndpoint("dashboard", "http");

    public Uri ApiUrl => App.GetEndpoint("api", "http");

    /// <summary>The system's public entry point, in front of the API's replicas.</summary>
    public Uri GatewayUrl => App.GetEndpoint("gateway", "http");

    public async Task InitializeAsync() =>
        App = await AppHostRunner.StartAsync(AppHostRunner.NewStateDirectory(),
            $"--Parameters:admin-client-secret={AdminSecret}",
            $"--Parameters:demo-client-secret={DemoSecret}");

    public Task DisposeAsync() => AppHostRunner.StopAsync(App);
}

[CollectionDefinition(Name)]
public sealed class SharedRunningSystem : ICollectionFixture<RunningSystem>
{
    public const string Name = "The whole system through the AppHost";
}
