using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using EventPipeline.AppHost.Infrastructure;
using EventPipeline.AppHost.Monitoring;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class PrometheusModelTests
{
    [Fact]
    public void ExternalModeStartsNoPrometheus()
    {
        var (builder, api) = NewBuilder();

        var prometheus = builder.AddPrometheus(InfrastructureMode.External, api);

        Assert.Null(prometheus);
        Assert.DoesNotContain(builder.Resources, r => r.Name == PrometheusExtensions.ResourceName);
    }

    [Fact]
    public void LocalModeRunsThePrometheusBinaryOnPort9090WithTheRulesAndAGeneratedTargetsFile()
    {
        var (builder, api) = NewBuilder();

        var prometheus = builder.AddPrometheus(InfrastructureMode.Local, api)!.Resource;

        var process = Assert.IsType<ExecutableResource>(prometheus, exactMatch: false);
        Assert.Equal("prometheus", process.Command);
        var endpoint = Assert.Single(prometheus.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(9090, endpoint.Port);
        var config = File.ReadAllText(Path.Combine(process.WorkingDirectory, MonitoringFiles.ConfigFileName));
        Assert.Contains("rules.yml", config, StringComparison.Ordinal);
        Assert.Contains($"{process.WorkingDirectory}/{MonitoringFiles.TargetsFileName}", config, StringComparison.Ordinal);
        Assert.Equal("[]", File.ReadAllText(Path.Combine(process.WorkingDirectory, MonitoringFiles.TargetsFileName)));
        Assert.DoesNotContain(builder.Resources, r => r.Name == "grafana");
    }

    [Fact]
    public void ContainerModeRunsTheOfficialImageAndAProvisionedGrafana()
    {
        var (builder, api) = NewBuilder();

        var prometheus = builder.AddPrometheus(InfrastructureMode.Container, api)!.Resource;

        Assert.Equal("prom/prometheus", prometheus.Annotations.OfType<ContainerImageAnnotation>().Single().Image);
        Assert.Equal(9090, prometheus.Annotations.OfType<EndpointAnnotation>().Single().Port);
        var grafana = builder.Resources.Single(r => r.Name == "grafana");
        Assert.Contains(grafana.Annotations.OfType<ContainerMountAnnotation>(), m => m.Target == "/etc/grafana/provisioning");
    }

    private static (IDistributedApplicationBuilder Builder, IResourceBuilder<ProjectResource> Api) NewBuilder()
    {
        var builder = DistributedApplication.CreateBuilder([$"--Infrastructure:StateDirectory={AppHostRunner.NewStateDirectory()}"]);
        return (builder, builder.AddProject<Projects.EventPipeline_Api>("api"));
    }
}
