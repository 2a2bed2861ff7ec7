namespace EventPipeline.Contracts.Runs;

/// <summary>CPU microseconds per request sent, over the sending window (the load generator's CpuWindow).</summary>
public sealed record CpuCost(long Requests, double GeneratorCpuUsPerRequest, double? ServerCpuUsPerRequest);
