namespace EventPipeline.Contracts.Runs;

public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs);
