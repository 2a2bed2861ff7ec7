using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Runtime;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class ApiRuntimeSettingsTests
{
    // The csproj once named a property that does not exist (ServerGarbageCollector), and the API ran
    // Server GC for a whole issue while its README said Workstation: read what the build produced.
    [Fact]
    public void TheApiIsBuiltToRunWorkstationGarbageCollectionWithBackgroundCollections()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "EventPipeline.Api.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
    }
}
