using System.Text.RegularExpressions;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>The metric names a PromQL expression reads (its syntax is checked by promtool separately).</summary>
internal static partial class PromQlNames
{
    private static readonly HashSet<string> s_keywords = ["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"];

    public static IReadOnlyList<string> In(string expression)
    {
        var text = Strings().Replace(expression, " ");
        text = LabelMatchers().Replace(text, " ");
        text = Ranges().Replace(text, " ");
        text = Groupings().Replace(text, " ");
        return [.. Identifiers().Matches(text)
            .Where(m => !IsCall(text, m.Index + m.Length) && !s_keywords.Contains(m.Value.ToLowerInvariant()))
            .Select(m => m.Value)
            .Distinct()];
    }

    private static bool IsCall(string text, int end)
    {
        while (end < text.Length && text[end] == ' ')
        {
            end++;
        }
        return end < text.Length && text[end] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Groupings();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifiers();
}
