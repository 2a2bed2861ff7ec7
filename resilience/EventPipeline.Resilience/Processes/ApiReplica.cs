using System.Globalization;
using System.Net;
using EventPipeline.LocalServers.Processes;

namespace EventPipeline.Resilience.Processes;

/// <summary>One API replica as its own process: <c>dotnet EventPipeline.Api.dll</c> on a fixed port.</summary>
public sealed class ApiReplica(string name, string apiDll, string workDirectory, IReadOnlyDictionary<string, string> settings) : IDisposable
{
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private ChildProcess? _process;

    public string Name => name;

    public int Port { get; } = FreePort.Next();

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    public long ResidentBytes => _process?.ResidentBytes() ?? 0;

    public async Task StartAsync()
    {
        _process?.Dispose();
        var environment = new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_URLS"] = Url.ToString(),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "0",
        };
        _process = ChildProcess.Start("dotnet", [apiDll], Path.Combine(workDirectory, $"{name}.log"), environment);
        await WaitUntilHealthyAsync();
    }

    public void Kill() => _process?.Kill();

    /// <summary>
    /// Why a replica is not running, for a failure message: its exit code, its first errors and the
    /// end of its log. The end alone may not say: a replica stopping after a failure keeps serving and
    /// logging warnings for a while, which can push the cause out of the last lines.
    /// </summary>
    public string ExitReport() => string.Create(CultureInfo.InvariantCulture,
        $"{name} exited with code {_process?.ExitCode}; its first errors:{Environment.NewLine}{FirstErrors()}{Environment.NewLine}the end of {name}.log:{Environment.NewLine}{_process?.LogTail()}");

    // Console logging writes "fail:" and "crit:" before an error's category, the exception on the lines after.
    private string FirstErrors(int errors = 3, int linesEach = 12)
    {
        string[] lines;
        try
        {
            lines = _process is null ? [] : File.ReadAllLines(_process.LogPath);
        }
        catch (IOException)
        {
            return "(no log)";
        }
        var starts = lines.Index().Where(l => l.Item.Contains("fail:", StringComparison.Ordinal) || l.Item.Contains("crit:", StringComparison.Ordinal)
            || l.Item.StartsWith("Unhandled exception", StringComparison.Ordinal)).Select(l => l.Index).Take(errors);
        var excerpt = starts.SelectMany(start => lines.Skip(start).Take(linesEach)).ToArray();
        return excerpt.Length == 0 ? "(none logged)" : string.Join(Environment.NewLine, excerpt);
    }

    public async Task EnsureRunningAsync()
    {
        if (!IsRunning)
        {
            await StartAsync();
        }
    }

    public void Dispose()
    {
        _process?.Stop("TERM", TimeSpan.FromSeconds(5));
        _process?.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var response = await s_probe.GetAsync(new Uri(Url, "/health"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (_process is { HasExited: true } || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"API replica {name} did not become healthy (exit code {_process?.ExitCode}); see {name}.log in {workDirectory}."));
            }

            await Task.Delay(200);
        }
    }
}
