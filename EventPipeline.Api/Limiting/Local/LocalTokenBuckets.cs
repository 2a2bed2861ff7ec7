using System.Collections.Concurrent;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting.Local;

/// <summary>
/// The <c>local</c> failure mode: an in-memory bucket per key on this replica with its share of the
/// limit (limit / replicas), so the replicas together stay near the real limit while Redis is away.
/// </summary>
public sealed class LocalTokenBuckets(IOptions<LimiterOptions> options, TimeProvider clock)
{
    private static readonly long s_sweepEveryMilliseconds = 10_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _nextSweep = long.MinValue;

    public BucketCheck Check(LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        SweepIfDue(now);
        var shares = buckets.Select(b => Share(b.Limit)).ToArray();
        var keys = buckets.Select(b => subject.BucketKey(b.Bucket)).ToArray();
        // One lock order (by key) keeps two requests charging overlapping buckets from deadlocking.
        var order = Enumerable.Range(0, keys.Length).OrderBy(i => keys[i], StringComparer.Ordinal).ToArray();
        while (true)
        {
            var states = keys.Select(key => _buckets.GetOrAdd(key, static _ => new Bucket())).ToArray();
            foreach (var i in order)
            {
                Monitor.Enter(states[i]);
            }
            try
            {
                // A bucket swept while this request waited for its lock is no longer the key's bucket.
                if (!states.Any(state => state.Retired))
                {
                    return Take(states, shares, cost, now);
                }
            }
            finally
            {
                foreach (var i in order)
                {
                    Monitor.Exit(states[i]);
                }
            }
        }
    }

    /// <summary>
    /// Gives back a cost this replica took for a decision that Redis, answering late, turned out to
    /// have granted: the request was admitted once and is charged once, in Redis.
    /// </summary>
    public void Refund(LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost)
    {
        foreach (var (bucket, limit) in buckets)
        {
            if (_buckets.TryGetValue(subject.BucketKey(bucket), out var state))
            {
                lock (state)
                {
                    state.Tokens = Math.Min(Share(limit).Capacity, state.Tokens + cost);
                }
            }
        }
    }

    /// <summary>Buckets held in memory now; idle full buckets are dropped.</summary>
    public int Count => _buckets.Count;

    /// <summary>This replica's part of a limit; it is what the headers report while Redis is away.</summary>
    public BucketLimit Share(BucketLimit limit)
    {
        var replicas = options.Value.Replicas;
        return BucketLimit.Of(Math.Max(1, limit.Capacity / replicas), limit.Refill / replicas);
    }

    // A bucket that has refilled to capacity is exactly a new bucket, so dropping it changes no
    // decision; that keeps memory to the callers active within one refill window.
    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now < due || Interlocked.CompareExchange(ref _nextSweep, now + s_sweepEveryMilliseconds, due) != due)
        {
            return;
        }
        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.IsFullAt(now))
                {
                    bucket.Retired = true;
                    _buckets.TryRemove(new KeyValuePair<string, Bucket>(key, bucket));
                }
            }
        }
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
        private BucketLimit? _share;

        public double Tokens { get; set; }

        public bool Retired { get; set; }

        public bool IsFullAt(long now) =>
            _share is { } share && Tokens + (Math.Max(0, now - _stamp) * share.Refill / 1000) >= share.Capacity;

        public void Refill(BucketLimit share, long now)
        {
            _share = share;
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
