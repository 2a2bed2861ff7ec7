using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;


namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>
/// A plain C# token bucket: continuous refill, all-or-none over several buckets, time only moves
/// forward, a refused call changes nothing. The script must answer exactly as this does.
/// </summary>
internal sealed class BucketModel
{
    private readonly Dictionary<string, (double Tokens, double Stamp)> _state = [];

    public BucketCheckStatus Take(IReadOnlyList<(string Key, BucketLimit Limit)> buckets, long cost, double now, out double retryAfterMs)
    {
        retryAfterMs = 0;
        var refilled = new (double Tokens, double Stamp)[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            var (key, limit) = buckets[i];
            if (cost > limit.Capacity)
            {
                return BucketCheckStatus.TooLarge;
            }
            var (tokens, stamp) = _state.TryGetValue(key, out var s) ? s : (limit.Capacity, now);
            if (now > stamp)
            {
                tokens += (now - stamp) * limit.Refill / 1000;
                stamp = now;
            }
            tokens = Math.Min(tokens, limit.Capacity);
            refilled[i] = (tokens, stamp);
            if (tokens < cost)
            {
                retryAfterMs = Math.Max(retryAfterMs, Math.Ceiling((cost - tokens) * 1000 / limit.Refill));
            }
        }
        if (retryAfterMs > 0)
        {
            return BucketCheckStatus.Limited;
        }
        for (var i = 0; i < buckets.Count; i++)
        {
            _state[buckets[i].Key] = (refilled[i].Tokens - cost, refilled[i].Stamp);
        }
        return BucketCheckStatus.Allowed;
    }
}
