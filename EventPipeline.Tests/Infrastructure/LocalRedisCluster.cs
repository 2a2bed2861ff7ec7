using EventPipeline.Resilience.Processes;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EventPipeline.AppHost.Infrastructure;
using StackExchange.Redis;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>A real three-master Redis Cluster on loopback (no replicas, no persistence), for tests.</summary>
public sealed class LocalRedisCluster : IAsyncLifetime
{
    private const int Masters = 3;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "eventpipeline-tests", Guid.NewGuid().ToString("N"), "cluster");
    private readonly List<Process> _processes = [];

    public IReadOnlyList<int> Ports { get; } = ClusterPorts();

    public string ConnectionString => string.Join(",", Ports.Select(p => $"127.0.0.1:{p}")) + ",abortConnect=false";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var redisServer = LocalBinaries.Locate().RedisServer;
        foreach (var port in Ports)
        {
            var portText = port.ToString(CultureInfo.InvariantCulture);
            var process = Process.Start(new ProcessStartInfo(redisServer,
                ["--port", portText, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--cluster-enabled", "yes",
                 "--cluster-config-file", Path.Combine(_directory, $"nodes-{portText}.conf"), "--dir", _directory])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            _processes.Add(process);
        }
        await WaitAsync(async () =>
        {
            await using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Ports[^1]},connectTimeout=500");
            return true;
        });

        var create = Process.Start(new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(redisServer)!, "redis-cli"),
            ["--cluster", "create", .. Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await create.WaitForExitAsync();
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed: {await create.StandardError.ReadToEndAsync()}");
        }
        await WaitAsync(async () =>
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
            var info = await connection.GetServers()[0].ExecuteAsync("CLUSTER", "INFO");
            return info.ToString().Contains("cluster_state:ok", StringComparison.Ordinal)
                && connection.GetServers().Count(s => s.IsConnected && !s.IsReplica) == Masters;
        });
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes.Where(p => !p.HasExited))
        {
            process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
        try
        {
            Directory.Delete(Path.GetDirectoryName(_directory)!, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the next run uses a new one.
        }
        return Task.CompletedTask;
    }

    private static async Task WaitAsync(Func<Task<bool>> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException("The Redis Cluster did not become ready within 30 s.");
            }
            await Task.Delay(200);
        }
    }

    // Each node also listens on port + 10000 for the cluster bus, so both must be free.
    private static int[] ClusterPorts()
    {
        var ports = new List<int>();
        while (ports.Count < Masters)
        {
            var port = FreePort.Next();
            if (port < 55_000 && !ports.Contains(port) && IsFree(port + 10_000))
            {
                ports.Add(port);
            }
        }
        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
