using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EventPipeline.AppHost.Infrastructure;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class InfrastructureModelTests
{
    public static TheoryData<string> Modes => ["container", "local", "external"];

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryModeOffersTheSameConnectionStringNames(string mode)
    {
        var builder = DistributedApplication.CreateBuilder([]);

        var infrastructure = mode switch
        {
            "container" => builder.AddContainerInfrastructure(),
            "local" => builder.AddLocalInfrastructure(AppHostRunner.NewStateDirectory()),
            _ => builder.AddExternalInfrastructure(),
        };

        Assert.Equal("redis", infrastructure.Redis.Resource.Name);
        Assert.Equal("eventsdb", infrastructure.EventsDb.Resource.Name);
        var connectionStringNames = builder.Resources.OfType<IResourceWithConnectionString>().Select(r => r.Name).ToHashSet();
        Assert.Contains("redis", connectionStringNames);
        Assert.Contains("eventsdb", connectionStringNames);
    }

    [Fact]
    public void ContainerAndLocalModesNameTheServerResourcesAlike()
    {
        var containers = DistributedApplication.CreateBuilder([]);
        containers.AddContainerInfrastructure();
        var local = DistributedApplication.CreateBuilder([]);
        local.AddLocalInfrastructure(AppHostRunner.NewStateDirectory());

        string[] Names(IDistributedApplicationBuilder b) =>
            b.Resources.Where(r => r is not ParameterResource).Select(r => r.Name).Order().ToArray();

        Assert.Equal(Names(containers), Names(local));
    }

    [Fact]
    public async Task ContainerModeWithoutARuntimeFailsAtOnceWithAClearMessage()
    {
        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.EventPipeline_AppHost>(
                ["--Infrastructure:Mode=container", "--ASPIRE_CONTAINER_RUNTIME=no-such-container-runtime"]));

        Assert.Contains("no container runtime answered", error.Message, StringComparison.Ordinal);
        Assert.Contains("Infrastructure:Mode=local", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownModeIsRefusedNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DistributedApplicationTestingBuilder.CreateAsync<Projects.EventPipeline_AppHost>(["--Infrastructure:Mode=cloud"]));

        Assert.Contains("Infrastructure:Mode", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalModeRunsTheApiAsTwoReplicasByDefault()
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EventPipeline_AppHost>(
            ["--Infrastructure:Mode=local", $"--Infrastructure:StateDirectory={AppHostRunner.NewStateDirectory()}"]);

        var api = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "api");
        Assert.True(api.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas));
        Assert.Equal(2, replicas.Replicas);
    }
}
