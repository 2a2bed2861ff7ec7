using System.Diagnostics;

namespace EventPipeline.Tests.Integration.LoadGen;

// A correct per-client token bucket on the fake server's own clock, for checking --check passes.
internal sealed class FakeTokenBucket(double capacity, double refillPerSecond)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (double Tokens, long At)> _buckets = [];

    public bool TryTake(string client)
    {
        lock (_gate)
        {
            var now = Stopwatch.GetTimestamp();
            var (tokens, at) = _buckets.GetValueOrDefault(client, (capacity, now));
            tokens = Math.Min(capacity, tokens + (Stopwatch.GetElapsedTime(at, now).TotalSeconds * refillPerSecond));
            var allowed = tokens >= 1;
            _buckets[client] = (allowed ? tokens - 1 : tokens, now);
            return allowed;
        }
    }
}
