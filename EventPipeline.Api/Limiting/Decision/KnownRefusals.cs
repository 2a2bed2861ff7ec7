using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>
/// Remembers, per subject and policy, until when Redis said its bucket cannot pay a cost, so the
/// same request again is refused on this replica without a Redis call. This is exact, not an
/// estimate: between refusals a bucket only loses tokens (other replicas spend them) or refills at
/// the rate the script used to compute Retry-After, and the deadline is counted from before the
/// call was sent, so it never outlasts the script's own answer. A changed limit (live config, tier,
/// override) resolves to different limits and therefore misses. A flood of refused requests from
/// one client thus costs Redis nothing and the API little more than validating the token.
/// </summary>
public sealed class KnownRefusals : IDisposable
{
    private readonly MemoryCache _refusals;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _longest;

    public KnownRefusals(IOptions<LimiterOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _longest = TimeSpan.FromSeconds(options.Value.KnownRefusalMaxSeconds);
        // Bounded: a million distinct refused callers cannot grow this past the limit; when full,
        // new refusals simply go to Redis again.
        _refusals = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.KnownRefusalCapacity });
    }

    /// <summary>The time the decision is taken, to be passed back to <see cref="Remember"/>.</summary>
    public long Timestamp() => _clock.GetTimestamp();

    /// <summary>The remembered refusal of exactly this cost under exactly these limits, if still in force.</summary>
    public BucketCheck? Find(string policy, LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost)
    {
        if (_longest <= TimeSpan.Zero || !_refusals.TryGetValue(new Key(policy, subject), out Refusal? refusal) || refusal is null)
        {
            return null;
        }
        var elapsed = _clock.GetElapsedTime(refusal.AskedAt);
        if (refusal.Cost != cost || elapsed >= refusal.Lifetime || !SameLimits(refusal.Limits, buckets))
        {
            return null;
        }
        return refusal.Check with
        {
            RetryAfter = refusal.Check.RetryAfter - elapsed,
            Reset = refusal.Check.Reset > elapsed ? refusal.Check.Reset - elapsed : TimeSpan.Zero,
        };
    }

    /// <summary>Keeps a Redis refusal that was asked for at <paramref name="askedAt"/>.</summary>
    public void Remember(string policy, LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost, BucketCheck check, long askedAt)
    {
        if (check.Status != BucketCheckStatus.Limited || check.RetryAfter <= TimeSpan.Zero || _longest <= TimeSpan.Zero)
        {
            return;
        }
        var lifetime = check.RetryAfter < _longest ? check.RetryAfter : _longest;
        var limits = new BucketLimit[buckets.Count];
        for (var i = 0; i < limits.Length; i++)
        {
            limits[i] = buckets[i].Limit;
        }
        // Remembered for at most KnownRefusalMaxSeconds, but answered with Redis's own Retry-After:
        // a shorter one would disagree with the RateLimit header and send clients back too early.
        _refusals.Set(new Key(policy, subject), new Refusal(cost, limits, check, askedAt, lifetime),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime });
    }

    public void Dispose() => _refusals.Dispose();

    private static bool SameLimits(BucketLimit[] remembered, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets)
    {
        if (remembered.Length != buckets.Count)
        {
            return false;
        }
        for (var i = 0; i < remembered.Length; i++)
        {
            if (remembered[i] != buckets[i].Limit)
            {
                return false;
            }
        }
        return true;
    }

    private readonly record struct Key(string Policy, LimitSubject Subject);

    private sealed record Refusal(long Cost, BucketLimit[] Limits, BucketCheck Check, long AskedAt, TimeSpan Lifetime);
}
