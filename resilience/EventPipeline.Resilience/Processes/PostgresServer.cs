using System.Globalization;
using Npgsql;

namespace EventPipeline.Resilience.Processes;

/// <summary>
/// A real PostgreSQL on a fixed loopback port, started by the script the AppHost's local mode
/// uses; its data folder outlives a kill, so a restart finds what was committed.
/// </summary>
public sealed class PostgresServer(string workDirectory) : IAsyncDisposable
{
    private const string Password = "resilience-harness";
    private readonly string _dataDirectory = Path.Combine(workDirectory, "postgres");
    private ChildProcess? _process;

    public int Port { get; } = FreePort.Next();

    public bool IsRunning => _process is { HasExited: false };

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database=eventsdb";

    public async Task StartAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            _process?.Dispose();
            _process = ChildProcess.Start("bash", [RepositoryPaths.PostgresScript], Path.Combine(workDirectory, "postgres.log"), new Dictionary<string, string>
            {
                ["PG_BIN_DIR"] = PostgresBinDirectory(),
                ["PG_DATA_DIR"] = _dataDirectory,
                ["PG_PORT"] = Port.ToString(CultureInfo.InvariantCulture),
                ["PG_PASSWORD"] = Password,
                ["PG_DATABASE"] = "eventsdb",
            });
            if (await WaitUntilAnsweringAsync(deadline))
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
        return ValueTask.CompletedTask;
    }

    private async Task<bool> WaitUntilAnsweringAsync(DateTime deadline)
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
                    throw new TimeoutException("PostgreSQL did not answer within a minute; see postgres.log in " + workDirectory, ex);
                }

                if (_process is { HasExited: true })
                {
                    return false;
                }

                await Task.Delay(200);
            }
        }
    }

    private static string PostgresBinDirectory() =>
        Directory.GetDirectories("/usr/lib/postgresql")
            .Select(dir => Path.Combine(dir, "bin"))
            .Where(dir => File.Exists(Path.Combine(dir, "postgres")))
            .OrderByDescending(dir => int.Parse(Path.GetFileName(Path.GetDirectoryName(dir))!, CultureInfo.InvariantCulture))
            .FirstOrDefault()
        ?? throw new FileNotFoundException("No PostgreSQL server binaries under /usr/lib/postgresql/<version>/bin.");
}
