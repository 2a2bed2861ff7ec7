using EventPipeline.AppHost.Infrastructure;

namespace EventPipeline.AppHost.Monitoring;

/// <summary>
/// Where Prometheus' generated configuration, its scrape targets and its data live (under the state
/// folder, git-ignored), and where the hand-written rules and Grafana files are (monitoring/).
/// </summary>
internal sealed record MonitoringFiles(string Directory, string RulesDirectory, string GrafanaDirectory, InfrastructureMode Mode)
{
    public const string ConfigFileName = "prometheus.yml";
    public const string TargetsFileName = "targets.json";
    public const string RulesFileName = "rules.yml";
    public const string ContainerConfigDirectory = "/etc/prometheus/eventpipeline";
    public const string ContainerRulesDirectory = "/etc/prometheus/rules";

    public string ConfigFile => Path.Combine(Directory, ConfigFileName);

    public string TargetsFile => Path.Combine(Directory, TargetsFileName);

    public string DataDirectory => Path.Combine(Directory, "data");

    public string GrafanaProvisioningDirectory => Path.Combine(GrafanaDirectory, "provisioning");

    public string GrafanaDashboardsDirectory => Path.Combine(GrafanaDirectory, "dashboards");

    /// <summary>How Prometheus reaches the services: a container goes through the host's gateway.</summary>
    public string TargetHost => Mode is InfrastructureMode.Container ? "host.docker.internal" : "127.0.0.1";

    public static MonitoringFiles Prepare(string stateDirectory, string appHostDirectory, InfrastructureMode mode)
    {
        var monitoring = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "monitoring"));
        var files = new MonitoringFiles(
            System.IO.Directory.CreateDirectory(Path.Combine(stateDirectory, "prometheus")).FullName,
            Path.Combine(monitoring, "prometheus"),
            Path.Combine(monitoring, "grafana"),
            mode);
        System.IO.Directory.CreateDirectory(files.DataDirectory);
        File.WriteAllText(files.ConfigFile, PrometheusConfig.Render(files));
        if (!File.Exists(files.TargetsFile))
        {
            File.WriteAllText(files.TargetsFile, "[]");
        }
        return files;
    }
}
