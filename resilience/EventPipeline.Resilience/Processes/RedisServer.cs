using System.Globalization;
using StackExchange.Redis;

namespace EventPipeline.Resilience.Processes;

/// <summary>A real redis-server on a fixed loopback port, so a restarted one is found where the old one was.</summary>
public sealed class RedisServer(string workDirectory) : IAsyncDisposable
{
    private ChildProcess? _process;
    private ConnectionMultiplexer? _direct;

    public int Port { get; } = FreePort.Next();

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A connection straight to the server, around any proxy: for the harness's own commands.</summary>
    public IDatabase Direct => (_direct ?? throw new InvalidOperationException("Redis was never started.")).GetDatabase();

    public IServer DirectServer => _direct!.GetServer("127.0.0.1", Port);

    public async Task StartAsync()
    {
        _process?.Dispose();
        _process = ChildProcess.Start("redis-server",
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            Path.Combine(workDirectory, "redis.log"));
        _direct ??= await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},abortConnect=false,allowAdmin=true,connectTimeout=1000,syncTimeout=2000");
        await WaitUntilAnsweringAsync();
    }

    public void Kill() => _process?.Kill();

    public void Pause() => _process?.Signal("STOP");

    public void Resume() => _process?.Signal("CONT");

    /// <summary>A clean shutdown (SIGTERM, no save) and a fresh start on the same port.</summary>
    public async Task RestartAsync()
    {
        _process?.Stop("TERM", TimeSpan.FromSeconds(5));
        await StartAsync();
    }

    public async Task EnsureRunningAsync()
    {
        Resume();
        if (!IsRunning)
        {
            await StartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process?.Stop("TERM", TimeSpan.FromSeconds(2));
        _process?.Dispose();
        if (_direct is not null)
        {
            await _direct.DisposeAsync();
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await Direct.PingAsync();
                return;
            }
            catch (RedisException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
