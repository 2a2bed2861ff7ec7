using System.Collections.Concurrent;

namespace EventPipeline.Api.LiveStats;

/// <summary>The counts of the second in progress; swapped out whole once a second (latencies go to the collector's recorders).</summary>
internal sealed class SecondCounts
{
    public ConcurrentDictionary<string, long> Decisions { get; } = new();

    public ConcurrentDictionary<string, long> Ingested { get; } = new();
}
