using EventPipeline.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.AppHost.Monitoring;

/// <summary>
/// A Prometheus server that scrapes every replica of every service on its own port (behind a
/// service's one port a scrape would reach a random replica). Debian's <c>prometheus</c> as a local
/// process, or the official image in container mode; in external mode the operator's own
/// monitoring scrapes, and nothing is started.
/// </summary>
internal static class PrometheusExtensions
{
    public const string ResourceName = "prometheus";
    public const int Port = 9090;

    public static IResourceBuilder<IResourceWithEndpoints>? AddPrometheus(
        this IDistributedApplicationBuilder builder, InfrastructureMode mode, params IResourceBuilder<ProjectResource>[] targets)
    {
        if (mode is InfrastructureMode.External)
        {
            return null;
        }

        var options = InfrastructureOptions.From(builder.Configuration, builder.AppHostDirectory);
        var files = MonitoringFiles.Prepare(options.StateDirectory, builder.AppHostDirectory, mode);
        builder.Services.AddSingleton(new ScrapeTargets(files, targets.Select(t => t.Resource.Name).ToHashSet(), files.TargetHost));
        builder.Services.AddHostedService<ScrapeTargetsWriter>();

        var prometheus = mode is InfrastructureMode.Container
            ? builder.AddPrometheusContainer(files)
            : builder.AddPrometheusProcess(files);
        foreach (var target in targets)
        {
            prometheus.WithRelationship(target.Resource, "Scrapes");
        }
        prometheus.WithUrlForEndpoint("http", url => url.DisplayText = "Prometheus")
            .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/targets", DisplayText = "Scrape targets" })
            .WithUrlForEndpoint("http", _ => new ResourceUrlAnnotation { Url = "/alerts", DisplayText = "Alerts" });
        return prometheus.WithHttpHealthCheck("/-/ready");
    }

    private static IResourceBuilder<IResourceWithEndpoints> AddPrometheusProcess(this IDistributedApplicationBuilder builder, MonitoringFiles files)
    {
        var prometheus = builder.AddExecutable(ResourceName, "prometheus", files.Directory)
            .WithHttpEndpoint(port: Port, name: "http")
            .WithIconName("ChartMultiple");
        var endpoint = prometheus.GetEndpoint("http");
        prometheus.WithArgs(context =>
        {
            context.Args.Add($"--config.file={files.ConfigFile}");
            context.Args.Add($"--storage.tsdb.path={files.DataDirectory}");
            context.Args.Add(ReferenceExpression.Create($"--web.listen-address=127.0.0.1:{endpoint.Property(EndpointProperty.TargetPort)}"));
        });
        return builder.CreateResourceBuilder<IResourceWithEndpoints>(prometheus.Resource);
    }

    private static IResourceBuilder<IResourceWithEndpoints> AddPrometheusContainer(this IDistributedApplicationBuilder builder, MonitoringFiles files)
    {
        var prometheus = builder.AddContainer(ResourceName, "prom/prometheus", "v2.55.1")
            .WithBindMount(files.Directory, MonitoringFiles.ContainerConfigDirectory, isReadOnly: true)
            .WithBindMount(files.RulesDirectory, MonitoringFiles.ContainerRulesDirectory, isReadOnly: true)
            .WithArgs($"--config.file={MonitoringFiles.ContainerConfigDirectory}/{MonitoringFiles.ConfigFileName}")
            .WithHttpEndpoint(port: Port, targetPort: Port, name: "http")
            .WithIconName("ChartMultiple");

        builder.AddContainer("grafana", "grafana/grafana", "11.3.0")
            .WithBindMount(files.GrafanaProvisioningDirectory, "/etc/grafana/provisioning", isReadOnly: true)
            .WithBindMount(files.GrafanaDashboardsDirectory, "/var/lib/grafana/dashboards", isReadOnly: true)
            .WithEnvironment("GF_AUTH_ANONYMOUS_ENABLED", "true")
            .WithEnvironment("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer")
            .WithHttpEndpoint(port: 3000, targetPort: 3000, name: "http")
            .WithReference(prometheus.GetEndpoint("http"))
            .WaitFor(prometheus);
        return builder.CreateResourceBuilder<IResourceWithEndpoints>(prometheus.Resource);
    }
}
