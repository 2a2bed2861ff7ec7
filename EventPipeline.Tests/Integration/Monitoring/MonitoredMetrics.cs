namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>The hand-written rules file, read for the checks of what it and the dashboard refer to.</summary>
internal static class MonitoredMetrics
{
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
