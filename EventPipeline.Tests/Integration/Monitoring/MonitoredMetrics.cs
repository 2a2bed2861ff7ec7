using System.Net;
using EventPipeline.Tests.Integration.Ingestion;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>What the monitoring files may refer to: the API's real series, the rules' recorded ones, and Prometheus' own.</summary>
internal static class MonitoredMetrics
{
    private static readonly string[] s_prometheusOwn = ["up", "scrape_samples_scraped", "ALERTS"];

    public static async Task<HashSet<string>> KnownNamesAsync(ApiFactory api)
    {
        var exported = await ExportedTextAsync(api);
        var names = exported.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => line[..line.IndexOfAny(['{', ' '])]);
        return [.. names.Concat(RecordedNames()).Concat(s_prometheusOwn)];
    }

    /// <summary>The API's Prometheus text after it has stored an event, so its ingestion and limiter series exist.</summary>
    public static async Task<string> ExportedTextAsync(ApiFactory api)
    {
        var client = await IngestingClient.RegisterAsync(api);
        using (var sent = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.CreateVersion7())))
        {
            if (sent.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"The event was answered {(int)sent.StatusCode}.");
            }
        }
        using var http = api.CreateClientWithOwnAddress();
        return await http.GetStringAsync("/metrics");
    }

    public static IEnumerable<string> RecordedNames() =>
        RulesLines().Select(l => l.Trim()).Where(l => l.StartsWith("- record: ", StringComparison.Ordinal)).Select(l => l["- record: ".Length..].Trim());

    /// <summary>Every <c>expr</c> of rules.yml, single-line or a <c>|</c> block.</summary>
    public static List<string> RuleExpressions()
    {
        var lines = RulesLines();
        var expressions = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (!trimmed.StartsWith("expr:", StringComparison.Ordinal))
            {
                continue;
            }
            var inline = trimmed["expr:".Length..].Trim();
            if (inline != "|")
            {
                expressions.Add(inline);
                continue;
            }
            var indent = lines[i].IndexOf('e', StringComparison.Ordinal);
            var block = new List<string>();
            while (i + 1 < lines.Length && (lines[i + 1].Length - lines[i + 1].TrimStart().Length) > indent)
            {
                block.Add(lines[++i].Trim());
            }
            expressions.Add(string.Join(' ', block));
        }
        return expressions;
    }

    private static string[] RulesLines() => File.ReadAllLines(Path.Combine(PrometheusRulesTests.RulesDirectory, "rules.yml"));
}
