using EventPipeline.LocalServers.Processes;
using StackExchange.Redis;

namespace EventPipeline.LocalServers.Redis;

/// <summary>
/// A real redis-server on a free loopback port, no persistence. The port stays the same across
/// restarts, so a restarted server is found where the old one was.
/// </summary>
public class RedisServer(string? workDirectory = null) : IAsyncDisposable
{
    private readonly WorkDirectory _directory = WorkDirectory.At(workDirectory);
    private ChildProcess? _process;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id of redis-server itself, while it runs.</summary>
    public int? ProcessId => _process?.Id;

    public async Task StartAsync()
    {
        _process?.Dispose();
        _process = ChildProcess.Start(LocalBinaries.Locate().RedisServer, RedisArguments.Ephemeral(Port), Path.Combine(_directory.Path, "redis.log"));
        await WaitUntilAnsweringAsync(_process);
    }

    /// <summary>SIGKILL, as a crash would; its data is gone.</summary>
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

    public ValueTask DisposeAsync()
    {
        _process?.Stop("TERM", TimeSpan.FromSeconds(2));
        _process?.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync(ChildProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (RedisConnectionException ex)
            {
                throw new LocalServerException($"redis-server on port {Port} did not answer (exit code {process.ExitCode}): {process.LogTail()}", ex);
            }
        }
    }
}
