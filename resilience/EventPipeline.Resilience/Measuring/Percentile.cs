namespace EventPipeline.Resilience.Measuring;

public static class Percentile
{
    /// <summary>The nearest-rank percentile; 0 for no values.</summary>
    public static double Of(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
