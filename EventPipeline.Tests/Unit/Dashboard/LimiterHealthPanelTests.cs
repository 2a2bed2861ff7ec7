extern alias Dashboard;

using Bunit;
using Dashboard::EventPipeline.Dashboard.Components.Panels;
using EventPipeline.Contracts.Live;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Dashboard;

/// <summary>The limiter health panel rendered from the API's snapshot: degradation must not look healthy.</summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LimiterHealthPanelTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    private static LiveSnapshot Snapshot(LimiterHealth health, params ReplicaSeen[] replicas) => new(
        100, [], [], [.. replicas], new(null, null, null, 0), new(null, null, null, 0), [], health)
    {
        BucketSize = 100,
        RefillRate = 10,
        Clients = 0,
    };

    private IRenderedComponent<LimiterHealthPanel> Render(LiveSnapshot snapshot) =>
        _context.Render<LimiterHealthPanel>(parameters => parameters.Add(p => p.Snapshot, snapshot));

    [Fact]
    public void LocalAnswersAndAnOpenCircuitShowAWarningWithTheSharesAndEachReplicasCircuit()
    {
        var panel = Render(Snapshot(
            new LimiterHealth(10, 1000, 250, 10, 0, 1),
            new ReplicaSeen("api-1", 99, "open"), new ReplicaSeen("api-2", 99, "half_open"), new ReplicaSeen("api-3", 99, "closed")));

        var state = panel.Find("[data-testid=limiter-health-state]");
        Assert.Equal("true", state.GetAttribute("data-degraded"));
        Assert.Contains("26.0 % of", state.TextContent, StringComparison.Ordinal);
        Assert.Equal("stat warn", panel.Find("[data-testid=local-share]").ClassName);
        Assert.Equal("25.0 %", panel.Find("[data-testid=local-share] .value").TextContent);
        Assert.Equal("stat warn", panel.Find("[data-testid=failed-open-share]").ClassName);
        Assert.Equal("stat ok", panel.Find("[data-testid=failed-closed-share]").ClassName);
        Assert.Equal(["open", "half-open", "closed"], panel.FindAll("[data-testid=circuit-state]").Select(b => b.TextContent));
        Assert.Equal(["badge bad", "badge warn", "badge ok"], panel.FindAll("[data-testid=circuit-state]").Select(b => b.ClassName));
    }

    [Fact]
    public void ATinyShareStillReadsAsNonZero()
    {
        var panel = Render(Snapshot(new LimiterHealth(10, 100_000, 0, 0, 3, 0), new ReplicaSeen("api-1", 99, "closed")));

        Assert.Equal("< 0.1 %", panel.Find("[data-testid=failed-closed-share] .value").TextContent);
        Assert.Equal("stat bad", panel.Find("[data-testid=failed-closed-share]").ClassName);
    }

    [Fact]
    public void EveryDecisionByRedisAndEveryCircuitClosedReadsAsDistributed()
    {
        var panel = Render(Snapshot(new LimiterHealth(10, 500, 0, 0, 0, 0), new ReplicaSeen("api-1", 99, "closed")));

        Assert.Equal("false", panel.Find("[data-testid=limiter-health-state]").GetAttribute("data-degraded"));
        Assert.Equal("0 %", panel.Find("[data-testid=local-share] .value").TextContent);
        Assert.Equal("stat ok", panel.Find("[data-testid=local-share]").ClassName);
        Assert.Equal("badge ok", panel.Find("[data-testid=circuit-state]").ClassName);
    }
}
