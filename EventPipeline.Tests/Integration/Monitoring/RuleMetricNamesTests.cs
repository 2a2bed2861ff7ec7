using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>The rules read series the API really exports, with the label values it really uses.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class RuleMetricNamesTests(ApiFactory api)
{
    [Fact]
    public async Task EveryMetricTheRulesReadIsExportedByTheApiOrRecordedByTheRules()
    {
        var known = await MonitoredMetrics.KnownNamesAsync(api);
        var expressions = MonitoredMetrics.RuleExpressions();

        Assert.NotEmpty(expressions);
        var unknown = expressions.SelectMany(PromQlNames.In).Where(n => !known.Contains(n)).Distinct().ToList();
        Assert.True(unknown.Count == 0, "Not exported or recorded: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task TheIngestionLatencyRulesMatchTheRouteAndLabelsTheApiExports()
    {
        var text = await MonitoredMetrics.ExportedTextAsync(api);

        var ingestion = text.Split('\n').Where(l => l.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
            && l.Contains("http_request_method=\"POST\"", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(l, "http_route=\"/v1/events[^\"]*\"")).ToList();
        Assert.NotEmpty(ingestion);
        Assert.Contains(MonitoredMetrics.RuleExpressions(), e => e.Contains("http_route=~\"/v1/events.*\"", StringComparison.Ordinal));
        Assert.Contains(text.Split('\n'), l => l.StartsWith("eventpipeline_limiter_decisions_total{", StringComparison.Ordinal)
            && l.Contains("result=\"allowed\"", StringComparison.Ordinal) && l.Contains("policy=\"ingest\"", StringComparison.Ordinal));
    }
}
