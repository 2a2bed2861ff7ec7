using System.Buffers.Binary;
using System.Globalization;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Redis;

/// <summary>
/// A bucket as <c>token_bucket.lua</c> stores it: a string of two little-endian doubles, the tokens
/// left and the time of the last write (ms). Buckets an earlier version stored as a hash
/// {tokens, ts} are read too, until the script's next write replaces them.
/// </summary>
public static class StoredBucket
{
    private const int Length = 2 * sizeof(double);

    /// <summary>The stored tokens and time (ms), or null when the bucket has not been written (or has expired).</summary>
    public static async Task<(double Tokens, double StampMs)?> ReadAsync(IDatabaseAsync db, RedisKey key)
    {
        try
        {
            return Decode(await db.StringGetAsync(key));
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("WRONGTYPE", StringComparison.Ordinal))
        {
            var fields = await db.HashGetAsync(key, ["tokens", "ts"]);
            return fields[0].IsNull || fields[1].IsNull
                ? null
                : (double.Parse((string)fields[0]!, CultureInfo.InvariantCulture), double.Parse((string)fields[1]!, CultureInfo.InvariantCulture));
        }
    }

    public static (double Tokens, double StampMs)? Decode(RedisValue stored)
    {
        if (stored.IsNull)
        {
            return null;
        }
        ReadOnlySpan<byte> bytes = (byte[])stored!;
        if (bytes.Length != Length)
        {
            throw new InvalidOperationException($"A bucket holds {bytes.Length} bytes, not the {Length} the limiter writes.");
        }
        return (BinaryPrimitives.ReadDoubleLittleEndian(bytes), BinaryPrimitives.ReadDoubleLittleEndian(bytes[sizeof(double)..]));
    }
}
