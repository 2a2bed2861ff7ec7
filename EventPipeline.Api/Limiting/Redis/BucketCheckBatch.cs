using System.Buffers.Binary;
using System.Globalization;
using EventPipeline.Api.Limiting.Policies;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Redis;

/// <summary>The arguments of one script call carrying several decisions, and the decisions in its answer.</summary>
internal static class BucketCheckBatch
{
    /// <summary>Tells the script to read the Redis clock itself.</summary>
    public const long UseRedisTime = -1;

    // Five little-endian doubles per decision: status, remaining, retry-after ms, reset ms, index (1-based).
    private const int AnswerBytes = 5 * sizeof(double);

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

    /// <summary>The script's answer for a call of <paramref name="count"/> decisions; throws on any other shape.</summary>
    public static byte[] Answer(RedisResult result, int count)
    {
        var answer = (byte[]?)result;
        if (answer is null || answer.Length != count * AnswerBytes)
        {
            throw new InvalidOperationException($"The limiter script answered {answer?.Length ?? 0} bytes for {count} decisions, not {count * AnswerBytes}.");
        }
        return answer;
    }

    public static BucketCheck Decode(byte[] answer, int index)
    {
        var decision = answer.AsSpan(index * AnswerBytes, AnswerBytes);
        return new BucketCheck(
            (BucketCheckStatus)(int)Read(decision, 0),
            (long)Read(decision, 1),
            TimeSpan.FromMilliseconds(Read(decision, 2)),
            TimeSpan.FromMilliseconds(Read(decision, 3)),
            (int)Read(decision, 4) - 1);
    }

    private static double Read(ReadOnlySpan<byte> decision, int field) =>
        BinaryPrimitives.ReadDoubleLittleEndian(decision[(field * sizeof(double))..]);

    // Invariant "R" keeps fractional limits exact and is what Lua's tonumber reads back.
    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
