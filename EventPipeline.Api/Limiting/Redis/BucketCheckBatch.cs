using System.Globalization;
using EventPipeline.Api.Limiting.Policies;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Redis;

/// <summary>The arguments of one script call carrying several decisions, and the decisions in its answer.</summary>
internal static class BucketCheckBatch
{
    /// <summary>Tells the script to read the Redis clock itself.</summary>
    public const long UseRedisTime = -1;

    private const int AnswerWidth = 5;

    public static (RedisKey[] Keys, RedisValue[] Args) Encode(IReadOnlyList<PendingBucketCheck> checks, long now)
    {
        var keyCount = 0;
        foreach (var check in checks)
        {
            keyCount += check.Keys.Length;
        }
        var keys = new RedisKey[keyCount];
        var args = new RedisValue[1 + (2 * checks.Count) + (2 * keyCount)];
        args[0] = now;
        int key = 0, arg = 1;
        foreach (var check in checks)
        {
            args[arg++] = check.Keys.Length;
            args[arg++] = check.Cost;
            for (var i = 0; i < check.Keys.Length; i++)
            {
                keys[key++] = check.Keys[i];
                args[arg++] = Format(check.Limits[i].Capacity);
                args[arg++] = Format(check.Limits[i].Refill);
            }
        }
        return (keys, args);
    }

    public static BucketCheck Decode(RedisResult[] answer, int index)
    {
        var at = index * AnswerWidth;
        return new BucketCheck(
            (BucketCheckStatus)(int)answer[at],
            (long)answer[at + 1],
            TimeSpan.FromMilliseconds((long)answer[at + 2]),
            TimeSpan.FromMilliseconds((long)answer[at + 3]),
            (int)answer[at + 4] - 1);
    }

    // Invariant "R" keeps fractional limits exact and is what Lua's tonumber reads back.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
