extern alias Api;

using EventPipeline.Bench.Floor;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>The floor modes (one commit per event, EVAL per decision) ship with the bench host, never in the production API.</summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class BenchmarkOnlyCodeTests
{
    [Fact]
    public void TheProductionApiDeclaresNoneOfTheFloorModesTypes()
    {
        var floorTypes = typeof(ComparisonModeExtensions).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace == typeof(ComparisonModeExtensions).Namespace && t != typeof(FloorApiHost))
            .Select(t => t.Name)
            .ToHashSet();

        var inTheApi = typeof(Api::Program).Assembly.GetTypes().Where(t => !t.IsNested && floorTypes.Contains(t.Name)).Select(t => t.FullName);

        Assert.NotEmpty(floorTypes);
        Assert.Empty(inTheApi);
    }
}
