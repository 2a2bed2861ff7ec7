using System.Buffers.Text;

namespace EventPipeline.LoadGen.RawHttp;

/// <summary>
/// Where one HTTP/1.1 response (RFC 9112) ends in the bytes read so far: the status line, the
/// header block, and a body delimited by Content-Length or the chunked coding. Only what framing
/// needs is read (status, Content-Length, Transfer-Encoding, Connection); other headers are skipped.
/// </summary>
public readonly record struct HttpResponseFrame(int Status, int Length, bool KeepAlive)
{
    /// <summary>False while the response is incomplete; throws <see cref="InvalidDataException"/> on bytes that are not one.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out HttpResponseFrame frame)
    {
        frame = default;
        var headEnd = data.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return false;
        }

        var head = data[..headEnd];
        var (status, keepAlive) = ReadStatusLine(head);
        long contentLength = -1;
        var chunked = false;
        var lines = head[(head.IndexOf("\r\n"u8) is var first and >= 0 ? first + 2 : head.Length)..];
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf("\r\n"u8);
            var line = end < 0 ? lines : lines[..end];
            lines = end < 0 ? [] : lines[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                throw new InvalidDataException("A response header line without a name.");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Is(name, "content-length"u8))
            {
                contentLength = Utf8Parser.TryParse(value, out long parsed, out var used) && used == value.Length && parsed >= 0
                    ? parsed
                    : throw new InvalidDataException("A response with an unreadable Content-Length.");
            }
            else if (Is(name, "transfer-encoding"u8))
            {
                chunked = value.Length >= 7 && Is(value[^7..], "chunked"u8);
            }
            else if (Is(name, "connection"u8))
            {
                keepAlive = !Contains(value, "close"u8) && (keepAlive || Contains(value, "keep-alive"u8));
            }
        }

        var bodyStart = headEnd + 4;
        if (status < 200)
        {
            // This client never sends Expect: 100-continue, so an interim answer is not one for it.
            throw new InvalidDataException($"An interim {status} response to a request that asked for none.");
        }

        if (status is 204 or 304)
        {
            frame = new HttpResponseFrame(status, bodyStart, keepAlive);
            return true;
        }

        int length;
        if (chunked)
        {
            if (!TryEndOfChunks(data, bodyStart, out length))
            {
                return false;
            }
        }
        else if (contentLength >= 0)
        {
            if (data.Length < bodyStart + contentLength)
            {
                return false;
            }

            length = bodyStart + (int)contentLength;
        }
        else
        {
            // A body that ends when the connection closes cannot share a kept-alive connection.
            throw new InvalidDataException("A response with neither Content-Length nor chunked coding.");
        }

        frame = new HttpResponseFrame(status, length, keepAlive);
        return true;
    }

    private static (int Status, bool KeepAlive) ReadStatusLine(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.x 200 ..." : an HTTP/1.0 answer closes its connection unless it says otherwise.
        if (head.Length < 12 || !head.StartsWith("HTTP/1."u8) || head[8] != (byte)' '
            || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out var used) || used != 3 || status < 100
            || (head.Length > 12 && head[12] != (byte)' ' && head[12] != (byte)'\r'))
        {
            throw new InvalidDataException("A response without an HTTP/1.x status line.");
        }

        return (status, head[7] == (byte)'1');
    }

    private static bool TryEndOfChunks(ReadOnlySpan<byte> data, int position, out int length)
    {
        length = 0;
        while (true)
        {
            var lineEnd = data[position..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return false;
            }

            var sizeText = data.Slice(position, lineEnd);
            if (sizeText.IndexOf((byte)';') is var extension and >= 0)
            {
                sizeText = sizeText[..extension];
            }

            sizeText = sizeText.Trim((byte)' ');
            if (!Utf8Parser.TryParse(sizeText, out int size, out var used, 'X') || used != sizeText.Length || size < 0)
            {
                throw new InvalidDataException("A chunk without a readable size.");
            }

            position += lineEnd + 2;
            if (size == 0)
            {
                // The last chunk: an empty line, or trailer fields and then one.
                var rest = data[position..];
                var end = rest.StartsWith("\r\n"u8) ? 2 : rest.IndexOf("\r\n\r\n"u8) is var trailers and >= 0 ? trailers + 4 : -1;
                length = position + end;
                return end >= 0;
            }

            // Compared by subtraction: a chunk size near int.MaxValue must not overflow into "complete".
            if (size > data.Length - position - 2)
            {
                return false;
            }

            if (!data.Slice(position + size, 2).SequenceEqual("\r\n"u8))
            {
                throw new InvalidDataException("A chunk longer than its size.");
            }

            position += size + 2;
        }
    }

    private static bool Is(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerCase) =>
        System.Text.Ascii.EqualsIgnoreCase(text, lowerCase);

    private static bool Contains(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lowerCaseToken)
    {
        for (var i = 0; i + lowerCaseToken.Length <= value.Length; i++)
        {
            if (Is(value.Slice(i, lowerCaseToken.Length), lowerCaseToken))
            {
                return true;
            }
        }

        return false;
    }
}
