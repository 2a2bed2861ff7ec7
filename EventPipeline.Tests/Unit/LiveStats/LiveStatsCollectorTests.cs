using System.Diagnostics.Metrics;
using EventPipeline.Api.LiveStats;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Unit.LiveStats;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LiveStatsCollectorTests
{
    // A MeterListener hears every instrument of the process by name: the tests run many hosts and
    // limiter harnesses in one process, and one host's live view once counted another's decisions.
    [Fact]
    public void CountsTheDecisionsOfItsOwnHostOnlyNotThoseOfAnotherInTheSameProcess()
    {
        using var thisHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherHost = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var collector = new LiveStatsCollector(thisHost.GetRequiredService<IMeterFactory>());

        Decisions(thisHost).Add(1, new KeyValuePair<string, object?>("result", "local"));
        Decisions(otherHost).Add(5, new KeyValuePair<string, object?>("result", "failed_closed"));

        Assert.Equal(new Dictionary<string, long> { ["local"] = 1 }, collector.DecisionTotals.ToDictionary());
        Assert.Equal(new Dictionary<string, long> { ["local"] = 1 }, collector.TakeSecond().Decisions.ToDictionary());
    }

    private static Counter<long> Decisions(IServiceProvider host) =>
        host.GetRequiredService<IMeterFactory>().Create("EventPipeline.Limiter").CreateCounter<long>("eventpipeline.limiter.decisions");
}
