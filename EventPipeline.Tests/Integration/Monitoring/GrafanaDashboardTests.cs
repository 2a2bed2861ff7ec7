using System.Text.Json;
using EventPipeline.Resilience.Processes;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>The Grafana dashboard in monitoring/grafana (its names are checked against a real scrape in EndToEnd).</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class GrafanaDashboardTests
{
    private static readonly string s_dashboard = Path.Combine(RepositoryPaths.Root, "monitoring", "grafana", "dashboards", "eventpipeline.json");

    [Fact]
    public void TheNamesFoundInAQueryAreItsMetricsNotItsFunctionsLabelsOrRanges()
    {
        var names = PromQlNames.In("""sum by (policy) (rate(a_total{result=~"x|y"}[1m])) / on (policy) group_left b:rule or histogram_quantile(0.99, c_bucket)""");

        Assert.Equal(["a_total", "b:rule", "c_bucket"], names);
    }

    [Fact]
    public async Task EveryQueryOfTheDashboardIsValidPromQl()
    {
        var queries = Queries();
        var directory = Directory.CreateTempSubdirectory("grafana-queries").FullName;
        // promtool parses expressions only inside rules, so each query becomes a recording rule.
        var rules = "groups:\n  - name: grafana\n    rules:\n" + string.Join("", queries.Select((q, i) =>
            $"      - record: grafana_query_{i}\n        expr: {JsonSerializer.Serialize(q.Expr)}\n"));
        await File.WriteAllTextAsync(Path.Combine(directory, "queries.yml"), rules);

        var (exitCode, output) = await Promtool.RunAsync(directory, "check", "rules", "queries.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains($"SUCCESS: {queries.Count} rules found", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPanelWithQueriesReadsTheProvisionedPrometheus()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(s_dashboard));
        var provisioned = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "monitoring", "grafana", "provisioning", "datasources", "prometheus.yml"));

        Assert.Contains("uid: prometheus", provisioned, StringComparison.Ordinal);
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray().Where(p => p.TryGetProperty("targets", out _)))
        {
            Assert.Equal("prometheus", panel.GetProperty("datasource").GetProperty("uid").GetString());
        }
    }

    internal static List<(string Panel, string Expr)> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(s_dashboard));
        return [.. dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)))];
    }
}
