using EventPipeline.Resilience.Processes;
using System.Diagnostics;
using EventPipeline.AppHost.Infrastructure;
using StackExchange.Redis;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>A real redis-server on a free loopback port, for integration tests; no persistence.</summary>
public sealed class LocalRedisServer : IAsyncLifetime
{
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public async Task InitializeAsync() => await StartAsync();

    public async Task StartAsync()
    {
        var binaries = LocalBinaries.Locate();
        _process = Process.Start(new ProcessStartInfo(binaries.RedisServer,
            ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        await WaitUntilAnsweringAsync();
    }

    /// <summary>Kills the server at once, as a crash would; its data is gone.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    public Task DisposeAsync()
    {
        Resume();
        Kill();
        _process?.Dispose();
        return Task.CompletedTask;
    }

    private void Signal(string signal)
    {
        if (_process is { HasExited: false })
        {
            Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
