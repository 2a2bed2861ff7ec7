using EventPipeline.LocalServers.Processes;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EventPipeline.Resilience.Proxy;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Resilience;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class TcpFaultProxyTests : IAsyncLifetime, IDisposable
{
    private readonly EchoServer _echo = new();
    private TcpFaultProxy _proxy = null!;

    public Task InitializeAsync()
    {
        _proxy = new TcpFaultProxy(_echo.Port).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    public void Dispose() => _echo.Dispose();

    [Fact]
    public async Task ForwardsBytesBothWays()
    {
        using var client = await ConnectAsync(_proxy.Port);

        Assert.Equal("hello", await EchoAsync(client, "hello"));
    }

    [Fact]
    public async Task LatencyDelaysEveryAnswerByAtLeastTwiceTheLatency()
    {
        using var client = await ConnectAsync(_proxy.Port);
        _proxy.Latency = TimeSpan.FromMilliseconds(150);

        var started = Stopwatch.GetTimestamp();
        var answer = await EchoAsync(client, "slow");

        Assert.Equal("slow", answer);
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(300), "One way and back again, 150 ms each.");
    }

    [Fact]
    public async Task DropResetsOpenConnectionsAndEveryNewOneUntilHealed()
    {
        using var open = await ConnectAsync(_proxy.Port);
        await EchoAsync(open, "before");

        _proxy.Mode = ProxyMode.Drop;

        await Assert.ThrowsAnyAsync<Exception>(() => EchoAsync(open, "during"));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var fresh = await ConnectAsync(_proxy.Port);
            await EchoAsync(fresh, "during");
        });
        _proxy.Heal();
        using var healed = await ConnectAsync(_proxy.Port);
        Assert.Equal("after", await EchoAsync(healed, "after"));
    }

    [Fact]
    public async Task BlackholeCarriesNothingAndHealingResetsWhatItSwallowed()
    {
        using var client = await ConnectAsync(_proxy.Port);
        Assert.Equal("before", await EchoAsync(client, "before"));
        _proxy.Mode = ProxyMode.Blackhole;

        await client.SendAsync(Encoding.ASCII.GetBytes("lost"));
        await Eventually.UntilAsync(() => _proxy.SwallowingConnections == 1);
        using var silence = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await client.ReceiveAsync(new byte[16], silence.Token));
        _proxy.Heal();

        await Assert.ThrowsAnyAsync<Exception>(() => EchoAsync(client, "again"));
        using var fresh = await ConnectAsync(_proxy.Port);
        Assert.Equal("again", await EchoAsync(fresh, "again"));
    }

    [Fact]
    public async Task NewConnectionsSkipAnUpstreamThatRefuses()
    {
        var dead = new IPEndPoint(IPAddress.Loopback, FreePort.Next());
        await using var balancer = new TcpFaultProxy([dead, new IPEndPoint(IPAddress.Loopback, _echo.Port)]).Start();

        for (var i = 0; i < 4; i++)
        {
            using var client = await ConnectAsync(balancer.Port);
            Assert.Equal($"try {i}", await EchoAsync(client, $"try {i}"));
        }
    }

    private static async Task<Socket> ConnectAsync(int port)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return socket;
    }

    private static async Task<string> EchoAsync(Socket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.SendAsync(Encoding.ASCII.GetBytes(text), SocketFlags.None, timeout.Token);
        var buffer = new byte[text.Length];
        var received = 0;
        while (received < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new IOException("The connection was closed.");
            }

            received += read;
        }

        return Encoding.ASCII.GetString(buffer);
    }

    // Sends back whatever it receives, on every connection.
    private sealed class EchoServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

        public EchoServer()
        {
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var socket = await _listener.AcceptSocketAsync();
                    _ = EchoAsync(socket);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private static async Task EchoAsync(Socket socket)
        {
            using (socket)
            {
                var buffer = new byte[1024];
                try
                {
                    int read;
                    while ((read = await socket.ReceiveAsync(buffer)) > 0)
                    {
                        await socket.SendAsync(buffer.AsMemory(0, read));
                    }
                }
                catch (SocketException)
                {
                    // Reset by the proxy.
                }
            }
        }
    }
}
