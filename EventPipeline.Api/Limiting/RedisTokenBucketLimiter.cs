using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting;

/// <summary>Turns one request into one script call over every bucket its policy charges.</summary>
public sealed class RedisTokenBucketLimiter(TokenBucketScript script, IOptions<LimiterOptions> options, TimeProvider clock)
{
    /// <summary>Tells the script to read the Redis clock itself.</summary>
    private const long UseRedisTime = -1;

    public async Task<BucketCheck> CheckAsync(LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost)
    {
        var keys = new RedisKey[buckets.Count];
        var args = new RedisValue[2 + (2 * buckets.Count)];
        args[0] = cost;
        args[1] = options.Value.UseAppTime ? clock.GetUtcNow().ToUnixTimeMilliseconds() : UseRedisTime;
        for (var i = 0; i < buckets.Count; i++)
        {
            keys[i] = subject.BucketKey(buckets[i].Bucket);
            args[2 + (2 * i)] = Format(buckets[i].Limit.Capacity);
            args[3 + (2 * i)] = Format(buckets[i].Limit.Refill);
        }

        var result = (RedisResult[])(await script.EvaluateAsync(keys, args))!;
        return new BucketCheck(
            (BucketCheckStatus)(int)result[0],
            (long)result[1],
            TimeSpan.FromMilliseconds((long)result[2]),
            TimeSpan.FromMilliseconds((long)result[3]),
            (int)result[4] - 1);
    }

    // Invariant "R" keeps fractional limits exact and is what Lua's tonumber reads back.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
