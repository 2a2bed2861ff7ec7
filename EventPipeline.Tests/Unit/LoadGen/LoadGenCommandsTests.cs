using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LoadGenCommandsTests
{
    [Fact]
    public async Task TheDashboardOffersAStartButtonPerProfileAndAStopButton()
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EventPipeline_AppHost>(
            ["--Infrastructure:Mode=local", $"--Infrastructure:StateDirectory={AppHostRunner.NewStateDirectory()}"]);

        var loadGen = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "loadgen");
        var commands = loadGen.Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name, c => c.DisplayName);

        Assert.Equal("Start steady", commands["start-steady"]);
        Assert.Equal("Start burst", commands["start-burst"]);
        Assert.Equal("Start wave", commands["start-wave"]);
        Assert.Equal("Stop", commands["stop-run"]);
    }
}
