using EventPipeline.LocalServers.Processes;
using Npgsql;

namespace EventPipeline.LocalServers.Postgres;

/// <summary>
/// A real PostgreSQL on a free loopback port, started by <see cref="PostgresScript"/>. Its data
/// folder outlives a kill, so a restart on the same port finds what was committed.
/// </summary>
public class PostgresServer(string? workDirectory = null, string password = "local-servers") : IAsyncDisposable
{
    private readonly WorkDirectory _directory = WorkDirectory.At(workDirectory);
    private ChildProcess? _process;

    public int Port { get; } = FreePort.Next();

    public string DatabaseName { get; } = "eventsdb";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The process id of the postmaster, while it runs.</summary>
    public int? ProcessId => _process?.Id;

    public string DataDirectory => Path.Combine(_directory.Path, "postgres");

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username={PostgresScript.UserName};Password={password};Database={DatabaseName}";

    public async Task StartAsync()
    {
        var binDirectory = LocalBinaries.Locate().PostgresBinDirectory;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            _process?.Dispose();
            _process = ChildProcess.Start("bash", [PostgresScript.Path], Path.Combine(_directory.Path, "postgres.log"),
                PostgresScript.Environment(binDirectory, DataDirectory, Port, password, DatabaseName));
            if (await WaitUntilAnsweringAsync(_process, deadline))
            {
                return;
            }

            // Backends of a killed postmaster can hold its shared memory for a moment; start again.
            await Task.Delay(500);
        }
    }

    /// <summary>SIGKILL to the postmaster: a crash, recovered from the WAL at the next start.</summary>
    public void Kill()
    {
        _process?.Kill();
        // Pooled connections died with the server; the next user must not inherit them.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>SIGINT is PostgreSQL's fast shutdown: clients are disconnected, nothing committed is lost.</summary>
    public void StopFast()
    {
        _process?.Stop("INT", TimeSpan.FromSeconds(10));
        NpgsqlConnection.ClearAllPools();
    }

    public async Task EnsureRunningAsync()
    {
        if (!IsRunning)
        {
            await StartAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        StopFast();
        _process?.Dispose();
        _directory.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    private async Task<bool> WaitUntilAnsweringAsync(ChildProcess process, DateTime deadline)
    {
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Timeout=2;Pooling=false");
                await connection.OpenAsync();
                return true;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new LocalServerException(
                        $"PostgreSQL on port {Port} did not answer within a minute (exit code {process.ExitCode}): {process.LogTail()}", ex);
                }

                if (process.HasExited)
                {
                    return false;
                }

                await Task.Delay(200);
            }
        }
    }
}
