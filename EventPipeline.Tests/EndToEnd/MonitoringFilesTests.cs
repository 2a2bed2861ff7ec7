using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Monitoring;

namespace EventPipeline.Tests.EndToEnd;

/// <summary>
/// The rules and the Grafana dashboard read only series the running services really export (as
/// Prometheus scraped them) or the rules record.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.EndToEnd)]
[Collection(SharedMonitoredSystem.Name)]
public sealed class MonitoringFilesTests(MonitoredSystem system)
{
    private const string IngestionSeries = """http_server_request_duration_seconds_bucket{job="api", http_request_method="POST", http_route=~"/v1/events.*"}""";

    [Fact]
    public async Task EveryMetricTheRulesAndTheDashboardReadIsScrapedFromTheServicesOrRecorded()
    {
        using var prometheus = new PrometheusApi(system.PrometheusUrl);
        await system.SendEventsAsync("loadgen-18", count: 5);
        await PrometheusTests.WaitForAsync(() => prometheus.QueryAsync("eventpipeline_ingestion_events_total"), series => series.Count > 0);

        var known = (await prometheus.NamesAsync()).Concat(MonitoredMetrics.RecordedNames()).ToHashSet();

        var read = MonitoredMetrics.RuleExpressions().Select(e => ("rules.yml", e))
            .Concat(GrafanaDashboardTests.Queries().Select(q => ($"dashboard panel '{q.Panel}'", q.Expr)))
            .SelectMany(q => PromQlNames.In(q.Item2).Select(name => (Where: q.Item1, Name: name)))
            .ToList();
        Assert.NotEmpty(read);
        var unknown = read.Where(r => !known.Contains(r.Name)).Select(r => $"{r.Where}: {r.Name}").Distinct().ToList();
        Assert.True(unknown.Count == 0, "Neither scraped nor recorded: " + string.Join("; ", unknown));
    }

    [Fact]
    public async Task TheIngestionLatencyRulesSelectTheRouteAndLabelsTheApiExports()
    {
        using var prometheus = new PrometheusApi(system.PrometheusUrl);
        await system.SendEventsAsync("loadgen-19", count: 5);

        var series = await PrometheusTests.WaitForAsync(() => prometheus.QueryAsync(IngestionSeries), s => s.Count > 0);

        Assert.NotEmpty(series);
        Assert.Contains(MonitoredMetrics.RuleExpressions(), e => e.Contains("http_route=~\"/v1/events.*\"", StringComparison.Ordinal));
    }
}
