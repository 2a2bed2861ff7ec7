using HdrHistogram;
using HdrHistogram.Utilities;

namespace EventPipeline.Api.LiveStats;

/// <summary>
/// Latencies in microseconds, 1 µs to 60 s with two significant digits (HdrHistogram, as the load
/// generator uses): summaries from several replicas add up exactly, and percentiles are within
/// 1 % of the true value. Travels between replicas in the library's compressed encoding.
/// </summary>
public sealed class LatencyHistogram
{
    public const long HighestMicroseconds = 60_000_000;
    public const int SignificantDigits = 2;

    private readonly HistogramBase _histogram;

    public LatencyHistogram() : this(new LongHistogram(HighestMicroseconds, SignificantDigits))
    {
    }

    private LatencyHistogram(HistogramBase histogram) => _histogram = histogram;

    public long Total => _histogram.TotalCount;

    /// <summary>Values outside the range count at its edges, so a stalled call still shows in the tail.</summary>
    public static long ToMicroseconds(double milliseconds) =>
        Math.Clamp((long)Math.Round(milliseconds * 1000), 1, HighestMicroseconds);

    public void Record(double milliseconds) => _histogram.RecordValue(ToMicroseconds(milliseconds));

    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);

    /// <summary>The highest value equivalent to the one at the given percentile, in milliseconds; null when empty.</summary>
    public double? Percentile(double percentile) =>
        Total == 0 ? null : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    public string Encode() => Encode(_histogram);

    public static string Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        // ByteBuffer keeps its array to itself; the encoding is a few hundred bytes at most.
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }
        return Convert.ToBase64String(bytes);
    }

    /// <exception cref="FormatException">The text is not a compressed histogram of this range.</exception>
    public static LatencyHistogram Decode(string encoded)
    {
        HistogramBase decoded;
        try
        {
            decoded = HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(Convert.FromBase64String(encoded)), 0);
        }
        catch (Exception ex) when (ex is not FormatException and not OutOfMemoryException)
        {
            // The decoder reports a bad payload by whatever its parsing trips over (cookie, inflate, index).
            throw new FormatException("Not an HdrHistogram compressed encoding.", ex);
        }
        if (decoded.HighestTrackableValue > HighestMicroseconds || decoded.NumberOfSignificantValueDigits != SignificantDigits)
        {
            throw new FormatException(
                $"A latency histogram covers 1 to {HighestMicroseconds} µs with {SignificantDigits} digits, not up to {decoded.HighestTrackableValue} with {decoded.NumberOfSignificantValueDigits}.");
        }
        var histogram = new LatencyHistogram();
        histogram._histogram.Add(decoded);
        return histogram;
    }
}
