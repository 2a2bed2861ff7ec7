using System.Globalization;

namespace EventPipeline.Tests.Security;

/// <summary>The API's <c>eventpipeline_limiter_decisions_total</c> as its Prometheus endpoint exports it.</summary>
internal static class LimiterDecisionCounts
{
    /// <summary>The sum of the decisions of <paramref name="policy"/> with <paramref name="result"/> over every series.</summary>
    public static async Task<long> ReadAsync(Hardening.KestrelApi api, string policy, string result)
    {
        using var http = api.CreateClient();
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        long total = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("eventpipeline_limiter_decisions_total{", StringComparison.Ordinal)
                && line.Contains($"policy=\"{policy}\"", StringComparison.Ordinal)
                && line.Contains($"result=\"{result}\"", StringComparison.Ordinal))
            {
                var value = line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0];
                total += long.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        return total;
    }
}
