using System.Net;
using System.Net.Sockets;

namespace EventPipeline.LoadGen.RawHttp;

// One kept-alive HTTP/1.1 connection carrying one request at a time: write it whole, read until
// exactly one response is framed. It connects on first use, and again after the server closed it,
// after any error, or after an idle spell long enough for the server to have dropped it (Kestrel's
// keep-alive timeout is 130 s), since a request written into a dead connection would be lost.
public sealed class RawConnection(EndPoint server) : IDisposable
{
    private const int ResponseBytes = 64 * 1024;
    private const long IdleReconnectMilliseconds = 30_000;

    private readonly byte[] _response = new byte[ResponseBytes];
    private byte[] _request = new byte[4096];
    private Socket? _socket;
    private long _lastUsed;

    /// <summary>The request buffer, at least <paramref name="bytes"/> long.</summary>
    public Span<byte> SendBuffer(int bytes)
    {
        if (_request.Length < bytes)
        {
            _request = new byte[Math.Max(bytes, _request.Length * 2)];
        }

        return _request;
    }

    /// <summary>Sends the first <paramref name="length"/> bytes of the request buffer; returns the response's status.</summary>
    public async ValueTask<int> ExchangeAsync(int length, CancellationToken cancellationToken)
    {
        try
        {
            var socket = await OpenAsync(cancellationToken);
            for (var sent = 0; sent < length;)
            {
                sent += await socket.SendAsync(_request.AsMemory(sent, length - sent), SocketFlags.None, cancellationToken);
            }

            var received = 0;
            while (true)
            {
                var read = await socket.ReceiveAsync(_response.AsMemory(received), SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    throw new IOException("The server closed the connection before answering.");
                }

                received += read;
                if (HttpResponseFrame.TryRead(_response.AsSpan(0, received), out var frame))
                {
                    // Bytes past the response were never asked for: the connection is out of step.
                    if (!frame.KeepAlive || frame.Length != received)
                    {
                        Close();
                    }

                    _lastUsed = Environment.TickCount64;
                    return frame.Status;
                }

                if (received == _response.Length)
                {
                    throw new InvalidDataException($"A response longer than {ResponseBytes} bytes.");
                }
            }
        }
        catch
        {
            Close();
            throw;
        }
    }

    public void Dispose() => Close();

    private async ValueTask<Socket> OpenAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null && Environment.TickCount64 - _lastUsed < IdleReconnectMilliseconds)
        {
            return _socket;
        }

        Close();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        _socket = socket;
        return socket;
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
    }
}
