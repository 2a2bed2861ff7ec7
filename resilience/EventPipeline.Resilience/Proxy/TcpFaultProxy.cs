using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace EventPipeline.Resilience.Proxy;

/// <summary>
/// A TCP proxy that can add latency, reset connections or swallow traffic, in front of one or
/// more upstreams. New connections go to the upstreams in turn, skipping any that refuse, so in
/// front of API replicas it is also the load balancer that routes around a dead one.
/// </summary>
public sealed class TcpFaultProxy : IAsyncDisposable
{
    private readonly IReadOnlyList<IPEndPoint> _upstreams;
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<ProxyConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _accepting = Task.CompletedTask;
    private int _nextUpstream;
    private long _latencyTicks;
    private volatile ProxyMode _mode = ProxyMode.Forward;

    public TcpFaultProxy(IReadOnlyList<IPEndPoint> upstreams, int port = 0)
    {
        _upstreams = upstreams.Count > 0 ? upstreams : throw new ArgumentException("A proxy needs an upstream.", nameof(upstreams));
        _listener = new TcpListener(IPAddress.Loopback, port);
    }

    public TcpFaultProxy(int upstreamPort, int port = 0)
        : this([new IPEndPoint(IPAddress.Loopback, upstreamPort)], port)
    {
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int OpenConnections => _connections.Count;

    /// <summary>Open connections that have lost bytes to <see cref="ProxyMode.Blackhole"/>: healing resets these.</summary>
    public int SwallowingConnections => _connections.Keys.Count(connection => connection.SwallowedAny);

    /// <summary>Added to every chunk in each direction; the order of bytes is kept.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    public ProxyMode Mode
    {
        get => _mode;
        set
        {
            var previous = _mode;
            _mode = value;
            if (value == ProxyMode.Drop)
            {
                ResetAll(_ => true);
            }
            else if (previous == ProxyMode.Blackhole)
            {
                // Bytes were thrown away mid-stream: those connections cannot carry on, as after a
                // real partition whose TCP connections time out.
                ResetAll(connection => connection.SwallowedAny);
            }
        }
    }

    public TcpFaultProxy Start()
    {
        _listener.Start(512);
        _accepting = AcceptLoopAsync();
        return this;
    }

    /// <summary>Forward, no latency.</summary>
    public void Heal()
    {
        Latency = TimeSpan.Zero;
        Mode = ProxyMode.Forward;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        ResetAll(_ => true);
        _stopping.Dispose();
    }

    private void ResetAll(Func<ProxyConnection, bool> which)
    {
        foreach (var connection in _connections.Keys.Where(which))
        {
            connection.Reset();
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        if (_mode == ProxyMode.Drop)
        {
            ProxyConnection.ResetSocket(client);
            return;
        }

        var upstream = _mode == ProxyMode.Blackhole ? null : await ConnectUpstreamAsync();
        if (upstream is null && _mode != ProxyMode.Blackhole)
        {
            ProxyConnection.ResetSocket(client);
            return;
        }

        using var connection = new ProxyConnection(client, upstream, () => _mode == ProxyMode.Blackhole, () => Latency);
        _connections[connection] = 0;
        try
        {
            await connection.RunAsync(_stopping.Token);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }

    private async Task<Socket?> ConnectUpstreamAsync()
    {
        for (var attempt = 0; attempt < _upstreams.Count; attempt++)
        {
            var endpoint = _upstreams[(int)((uint)Interlocked.Increment(ref _nextUpstream) % _upstreams.Count)];
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await socket.ConnectAsync(endpoint, timeout.Token);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
            }
        }

        return null;
    }
}
