using System.Diagnostics;
using EventPipeline.LocalServers.Processes;
using StackExchange.Redis;

namespace EventPipeline.LocalServers.Redis;

/// <summary>A real three-master Redis Cluster on loopback (no replicas, no persistence).</summary>
public class RedisCluster(string? workDirectory = null) : IAsyncDisposable
{
    private const int Masters = 3;
    private readonly WorkDirectory _directory = WorkDirectory.At(workDirectory);
    private readonly List<ChildProcess> _processes = [];

    public IReadOnlyList<int> Ports { get; } = ClusterPorts();

    public string ConnectionString => string.Join(",", Ports.Select(p => $"127.0.0.1:{p}")) + ",abortConnect=false";

    public bool IsRunning => _processes.Count > 0 && _processes.All(p => !p.HasExited);

    public async Task StartAsync()
    {
        var binaries = LocalBinaries.Locate();
        foreach (var port in Ports)
        {
            _processes.Add(ChildProcess.Start(binaries.RedisServer, RedisArguments.ClusterNode(port, _directory.Path),
                Path.Combine(_directory.Path, $"redis-{port}.log")));
        }
        await WaitAsync(async () =>
        {
            await using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Ports[^1]},connectTimeout=500");
            return true;
        });

        using var create = Process.Start(new ProcessStartInfo(binaries.RedisCli,
            ["--cluster", "create", .. Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = create.StandardOutput.ReadToEndAsync();
        var error = create.StandardError.ReadToEndAsync();
        await create.WaitForExitAsync();
        if (create.ExitCode != 0)
        {
            throw new LocalServerException($"redis-cli --cluster create failed: {await error}{await output}");
        }
        await WaitAsync(async () =>
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString);
            var info = await connection.GetServers()[0].ExecuteAsync("CLUSTER", "INFO");
            return info.ToString().Contains("cluster_state:ok", StringComparison.Ordinal)
                && connection.GetServers().Count(s => s.IsConnected && !s.IsReplica) == Masters;
        });
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
        _directory.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task WaitAsync(Func<Task<bool>> ready)
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
            if (DateTime.UtcNow >= deadline || _processes.Any(p => p.HasExited))
            {
                throw new LocalServerException("The Redis Cluster did not become ready within 30 s: " +
                    string.Join(Environment.NewLine, _processes.Select(p => p.LogTail(5))));
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
            if (port < 55_000 && !ports.Contains(port) && FreePort.IsFree(port + 10_000))
            {
                ports.Add(port);
            }
        }
        return [.. ports];
    }
}
