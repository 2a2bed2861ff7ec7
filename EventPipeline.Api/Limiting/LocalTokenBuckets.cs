using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting;

/// <summary>
/// The <c>local</c> failure mode: an in-memory bucket per key on this replica with its share of the
/// limit (limit / replicas), so the replicas together stay near the real limit while Redis is away.
/// </summary>
public sealed class LocalTokenBuckets(IOptions<LimiterOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    public BucketCheck Check(LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var shares = buckets.Select(b => Share(b.Limit)).ToArray();
        var states = buckets.Select(b => _buckets.GetOrAdd(subject.BucketKey(b.Bucket), _ => new Bucket())).ToArray();
        // One lock order (by key) keeps two requests charging overlapping buckets from deadlocking.
        var order = Enumerable.Range(0, states.Length).OrderBy(i => subject.BucketKey(buckets[i].Bucket), StringComparer.Ordinal).ToArray();
        foreach (var i in order)
        {
            Monitor.Enter(states[i]);
        }
        try
        {
            return Take(states, shares, cost, now);
        }
        finally
        {
            foreach (var i in order)
            {
                Monitor.Exit(states[i]);
            }
        }
    }

    /// <summary>This replica's part of a limit; it is what the headers report while Redis is away.</summary>
    public BucketLimit Share(BucketLimit limit)
    {
        var replicas = options.Value.Replicas;
        return BucketLimit.Of(Math.Max(1, limit.Capacity / replicas), limit.Refill / replicas);
    }

    private static BucketCheck Take(Bucket[] states, BucketLimit[] shares, long cost, long now)
    {
        var retry = 0.0;
        for (var i = 0; i < states.Length; i++)
        {
            if (cost > shares[i].Capacity)
            {
                return new BucketCheck(BucketCheckStatus.TooLarge, 0, TimeSpan.Zero, TimeSpan.Zero, i);
            }
            states[i].Refill(shares[i], now);
            if (states[i].Tokens < cost)
            {
                retry = Math.Max(retry, (cost - states[i].Tokens) * 1000 / shares[i].Refill);
            }
        }
        var allowed = retry == 0;
        var worst = 0;
        for (var i = 0; i < states.Length; i++)
        {
            if (allowed)
            {
                states[i].Tokens -= cost;
            }
            worst = states[i].Tokens < states[worst].Tokens ? i : worst;
        }
        var reset = (shares[worst].Capacity - states[worst].Tokens) * 1000 / shares[worst].Refill;
        return new BucketCheck(allowed ? BucketCheckStatus.Allowed : BucketCheckStatus.Limited,
            (long)Math.Floor(states[worst].Tokens), TimeSpan.FromMilliseconds(Math.Ceiling(retry)),
            TimeSpan.FromMilliseconds(Math.Ceiling(reset)), worst);
    }

    private sealed class Bucket
    {
        private long _stamp = long.MinValue;

        public double Tokens { get; set; }

        public void Refill(BucketLimit share, long now)
        {
            if (_stamp == long.MinValue)
            {
                (Tokens, _stamp) = (share.Capacity, now);
            }
            else if (now > _stamp)
            {
                Tokens += (now - _stamp) * share.Refill / 1000;
                _stamp = now;
            }
            Tokens = Math.Min(Tokens, share.Capacity);
        }
    }
}
