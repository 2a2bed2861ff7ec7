namespace EventPipeline.Resilience.Soak;

/// <summary>One look at the system during a soak: each replica's resident memory and Redis's key count.</summary>
public sealed record SoakSample(double ElapsedSeconds, IReadOnlyList<long> ReplicaResidentBytes, long RedisKeys);
