using EventPipeline.Resilience.Scenarios;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Resilience;

// Each fault of the harness for a few seconds under open-loop load: nothing acknowledged is lost,
// nothing is stored that was not sent or stored twice, no 500, service comes back by itself and
// the limiter keeps its failure mode's promise. resilience/run.sh runs the same scenarios longer.
[Collection(SharedResilienceSystem.Name)]
[Trait(TestCategories.Cost, TestCategories.Resilience)]
public sealed class FaultScenarioTests(ResilienceSystem system)
{
    public static TheoryData<string> Scenarios => [.. ScenarioCatalog.All.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ScenarioLosesNothingAnswersNo500AndRecoversByItself(string scenario)
    {
        var result = await system.Runner.RunAsync(ScenarioCatalog.Named(scenario));

        Assert.True(result.Sent > 0, "The load generator sent nothing.");
        Assert.True(result.Reconciliation.Stored > 0, "Nothing was stored, so nothing was checked.");
        Assert.True(result.Passed, $"{scenario}: {string.Join("; ", result.Failures)}");
    }
}
