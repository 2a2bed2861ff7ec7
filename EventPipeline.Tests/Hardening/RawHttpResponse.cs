using System.Globalization;
using System.Net;
using System.Text;

namespace EventPipeline.Tests.Hardening;

/// <summary>An HTTP/1.1 answer read off a raw socket: status, media type and body, de-chunked.</summary>
internal sealed record RawHttpResponse(int Status, string? MediaType, byte[] Body)
{
    private static readonly byte[] s_headEnd = "\r\n\r\n"u8.ToArray();

    public static bool HasHead(byte[] received) => received.AsSpan().IndexOf(s_headEnd) >= 0;

    /// <summary>The response when it is complete (or the connection closed after its head); otherwise null.</summary>
    public static RawHttpResponse? TryParse(byte[] received, bool closed)
    {
        var headEnd = received.AsSpan().IndexOf(s_headEnd);
        if (headEnd < 0)
        {
            return null;
        }
        var lines = Encoding.Latin1.GetString(received, 0, headEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var mediaType = headers.TryGetValue("Content-Type", out var type) ? type.Split(';')[0].Trim() : null;
        var rest = received.AsSpan(headEnd + s_headEnd.Length).ToArray();
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var size = int.Parse(length, CultureInfo.InvariantCulture);
            return rest.Length >= size ? new RawHttpResponse(status, mediaType, rest[..size]) : null;
        }
        if (headers.TryGetValue("Transfer-Encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            var body = Dechunk(rest);
            return body is null ? null : new RawHttpResponse(status, mediaType, body);
        }
        return closed ? new RawHttpResponse(status, mediaType, rest) : null;
    }

    public HttpStatusCode StatusCode => (HttpStatusCode)Status;

    public string? ContractViolation() => ResponseContract.Violation(StatusCode, MediaType, Body);

    public override string ToString() => $"{Status} {MediaType} {Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300))}";

    private static byte[]? Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var at = 0;
        while (true)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return null;
            }
            var size = int.Parse(Encoding.Latin1.GetString(chunked, at, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            at += lineEnd + 2;
            if (size == 0)
            {
                return body.ToArray();
            }
            if (chunked.Length < at + size + 2)
            {
                return null;
            }
            body.Write(chunked, at, size);
            at += size + 2;
        }
    }
}
