using System.Net.Http.Headers;
using System.Text;
using EventPipeline.LoadGen.Auth;
using EventPipeline.LoadGen.RawHttp;

namespace EventPipeline.LoadGen.Engine;

// Each client's request head, built once per token: request line, Host, Authorization and
// Content-Type, up to the Content-Length value. A refreshed token builds a new head; the
// scheduler threads and the connections' continuations read it without a lock.
public sealed class RequestHeads(Uri target, IReadOnlyList<ClientToken> tokens)
{
    private static readonly byte[] HeadEnd = "\r\n\r\n"u8.ToArray();
    private readonly Head?[] _heads = new Head?[tokens.Count];

    /// <summary>Writes the whole request (head and body) into the connection's buffer; returns its length.</summary>
    public int Write(RawConnection connection, int client, EventContent content)
    {
        var head = HeadOf(client);
        var bodyLength = content.Length;
        var buffer = connection.SendBuffer(head.Length + 10 + HeadEnd.Length + bodyLength);
        head.CopyTo(buffer);
        var position = head.Length;
        bodyLength.TryFormat(buffer[position..], out var written);
        position += written;
        HeadEnd.CopyTo(buffer[position..]);
        position += HeadEnd.Length;
        return position + content.Fill(buffer[position..]);
    }

    private byte[] HeadOf(int client)
    {
        var token = tokens[client].Current;
        var cached = Volatile.Read(ref _heads[client]);
        if (cached is null || !ReferenceEquals(cached.Token, token))
        {
            cached = new Head(token, Build(token));
            Volatile.Write(ref _heads[client], cached);
        }

        return cached.Bytes;
    }

    private byte[] Build(AuthenticationHeaderValue token) => Encoding.ASCII.GetBytes(
        $"POST {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\nAuthorization: {token}\r\n" +
        "Content-Type: application/json\r\nContent-Length: ");

    private sealed record Head(AuthenticationHeaderValue Token, byte[] Bytes);
}
