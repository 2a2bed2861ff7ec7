using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;

namespace EventPipeline.Resilience.Proxy;

/// <summary>
/// One client connection and its upstream. Each direction reads chunks and hands them, stamped
/// with when they may leave, to a writer: latency delays every chunk without limiting throughput.
/// No upstream (accepted while blackholed) means everything is swallowed until the end.
/// </summary>
internal sealed class ProxyConnection(Socket client, Socket? upstream, Func<bool> swallowing, Func<TimeSpan> latency) : IDisposable
{
    private const int ChunkBytes = 16 * 1024;
    private readonly CancellationTokenSource _closed = new();
    private volatile bool _swallowedAny;

    public bool SwallowedAny => _swallowedAny || upstream is null;

    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closed.Token);
        var pumps = upstream is null
            ? [PumpAsync(client, null, linked.Token)]
            : new[] { PumpAsync(client, upstream, linked.Token), PumpAsync(upstream, client, linked.Token) };
        await Task.WhenAny(pumps);
        Reset();
        await Task.WhenAll(pumps);
    }

    public void Dispose() => _closed.Dispose();

    /// <summary>Closes both sides with a TCP reset, as a dropped network path looks to each end.</summary>
    public void Reset()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        ResetSocket(client);
        if (upstream is not null)
        {
            ResetSocket(upstream);
        }
    }

    public static void ResetSocket(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to reset.
        }

        socket.Dispose();
    }

    private async Task PumpAsync(Socket from, Socket? to, CancellationToken cancellationToken)
    {
        var chunks = Channel.CreateUnbounded<(long Due, byte[] Data, int Length)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = to is null ? Task.CompletedTask : WriteAsync(chunks.Reader, to, cancellationToken);
        try
        {
            var buffer = new byte[ChunkBytes];
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                if (to is null || swallowing())
                {
                    _swallowedAny = true;
                    continue;
                }

                var due = Stopwatch.GetTimestamp() + (long)(latency().TotalSeconds * Stopwatch.Frequency);
                chunks.Writer.TryWrite((due, buffer[..read], read));
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection ended or was reset: the writer stops too.
        }
        finally
        {
            chunks.Writer.TryComplete();
            await writing;
            Reset();
        }
    }

    private static async Task WriteAsync(ChannelReader<(long Due, byte[] Data, int Length)> chunks, Socket to, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (due, data, length) in chunks.ReadAllAsync(cancellationToken))
            {
                // Timers count whole milliseconds and may fire up to one early: wait until the chunk is truly due.
                TimeSpan wait;
                while ((wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due)) > TimeSpan.Zero)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), cancellationToken);
                }

                await to.SendAsync(data.AsMemory(0, length), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Reset under our feet: the reader sees it too.
        }
    }
}
