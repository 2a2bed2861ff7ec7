using EventPipeline.Resilience.Processes;
using System.Diagnostics;
using EventPipeline.AppHost.Infrastructure;
using Npgsql;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server in a temporary folder on a free loopback port, started by the same
/// script the AppHost's local mode uses.
/// </summary>
public sealed class LocalPostgresServer : IAsyncLifetime
{
    private const string Password = "integration-tests";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "eventpipeline-tests", Guid.NewGuid().ToString("N"), "postgres");
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string DatabaseName { get; } = "eventsdb";

    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={DatabaseName}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_dataDirectory)!);
        await StartAsync();
    }

    public async Task StartAsync()
    {
        var binaries = LocalBinaries.Locate();
        var startInfo = new ProcessStartInfo("bash", [ScriptPath()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.Environment["PG_BIN_DIR"] = binaries.PostgresBinDirectory;
        startInfo.Environment["PG_DATA_DIR"] = _dataDirectory;
        startInfo.Environment["PG_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["PG_PASSWORD"] = Password;
        startInfo.Environment["PG_DATABASE"] = DatabaseName;
        _process = Process.Start(startInfo)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync();
    }

    /// <summary>Stops the server hard (SIGKILL to the postmaster), as a crash would.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
        // Tests' pooled connections died with the server; the next test must not inherit them.
        NpgsqlConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // SIGINT is PostgreSQL's fast shutdown: it disconnects clients instead of waiting for them.
            Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        Kill();
        _process?.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the next run uses a new one.
        }
        return Task.CompletedTask;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString + ";Timeout=2");
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                if (_process is { HasExited: true })
                {
                    throw new InvalidOperationException($"PostgreSQL exited with code {_process.ExitCode} before answering.", ex);
                }
                await Task.Delay(200);
            }
        }
    }

    private static string ScriptPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "EventPipeline.AppHost", "Infrastructure", "local-postgres.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("EventPipeline.AppHost/Infrastructure/local-postgres.sh was not found above the test folder.");
    }
}
