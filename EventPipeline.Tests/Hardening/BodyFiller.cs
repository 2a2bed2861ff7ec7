using System.IO.Compression;

namespace EventPipeline.Tests.Hardening;

/// <summary>What the huge bodies are made of: one long run of 'a', plain or as a gzip bomb.</summary>
internal static class BodyFiller
{
    public const long Gigabyte = 1L << 30;
    private const int Block = 1 << 20;

    public static byte[] Piece { get; } = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();

    /// <summary>
    /// A gigabyte of spaces as about 1 MB of gzip, made once. Spaces are valid JSON whitespace, so
    /// no parser refuses it early: only a limit on the inflated size stops it.
    /// </summary>
    public static byte[] GzipBomb => s_gzipBomb.Value;

    private static readonly Lazy<byte[]> s_gzipBomb = new(() =>
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var block = Enumerable.Repeat((byte)' ', Block).ToArray();
            for (var i = 0; i < Gigabyte / Block; i++)
            {
                gzip.Write(block);
            }
        }
        return compressed.ToArray();
    });

    public static byte[] Gzip(byte[] plain)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(plain);
        }
        return compressed.ToArray();
    }

    /// <summary>One chunk of a chunked body: size line, data, CRLF.</summary>
    public static byte[] Chunk(ReadOnlySpan<byte> data) =>
        [.. System.Text.Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), .. data, .. "\r\n"u8];
}
