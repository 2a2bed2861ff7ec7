using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// One request written by hand on its own socket, for what HttpClient will not send: malformed
/// lines, bodies that never end, bytes trickled slowly. Everything the server sends is collected
/// as it arrives, so an answer given while the request is still being written is seen.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly MemoryStream _received = new();
    private readonly CancellationTokenSource _answered = new();
    private readonly Task _receiving;

    private RawHttpConnection(Socket socket)
    {
        _socket = socket;
        _receiving = ReceiveAsync();
    }

    public long BytesSent { get; private set; }

    /// <summary>Cancelled once the server has sent a whole header block or closed: a writer should stop.</summary>
    public CancellationToken Answered => _answered.Token;

    public static async Task<RawHttpConnection> OpenAsync(KestrelApi api)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, api.Port));
        return new RawHttpConnection(socket);
    }

    public static string Head(string requestLine, params string[] headers) =>
        $"{requestLine}\r\nHost: 127.0.0.1\r\nConnection: close\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n";

    /// <summary>False once the server has answered or closed, or the write failed because it did.</summary>
    public async Task<bool> TrySendAsync(ReadOnlyMemory<byte> data)
    {
        if (_answered.IsCancellationRequested)
        {
            return false;
        }
        try
        {
            await _socket.SendAsync(data, SocketFlags.None, _answered.Token);
            BytesSent += data.Length;
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public Task<bool> TrySendAsync(string ascii) => TrySendAsync(Encoding.Latin1.GetBytes(ascii));

    /// <summary>Writes <paramref name="piece"/> again and again until the server answers or <paramref name="limit"/> bytes are out.</summary>
    public async Task SendRepeatedlyAsync(ReadOnlyMemory<byte> piece, long limit)
    {
        while (BytesSent < limit && await TrySendAsync(piece))
        {
        }
    }

    /// <summary>The server's answer once complete, or null when it closed without one; throws if neither within the guard.</summary>
    public async Task<RawHttpResponse?> AnswerAsync(TimeSpan guard)
    {
        var deadline = DateTime.UtcNow + guard;
        while (DateTime.UtcNow < deadline)
        {
            var closed = _receiving.IsCompleted;
            var response = RawHttpResponse.TryParse(Received(), closed);
            if (response is not null || closed)
            {
                return response;
            }
            await Task.WhenAny(_receiving, Task.Delay(50));
        }
        throw new TimeoutException($"No answer and no close within {guard.TotalSeconds} s after {BytesSent} bytes sent; received: {Encoding.Latin1.GetString(Received())}");
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _receiving;
        _answered.Dispose();
    }

    private byte[] Received()
    {
        lock (_received)
        {
            return _received.ToArray();
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }
                lock (_received)
                {
                    _received.Write(buffer, 0, read);
                }
                if (RawHttpResponse.HasHead(Received()))
                {
                    await _answered.CancelAsync();
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // A reset after the answer still leaves the answer: what arrived is kept.
        }
        await _answered.CancelAsync();
    }
}
