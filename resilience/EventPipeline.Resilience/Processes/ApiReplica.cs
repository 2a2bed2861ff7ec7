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

    /// <summary>Why a replica is not running, for a failure message: its exit code and the end of its log.</summary>
    public string ExitReport() => string.Create(CultureInfo.InvariantCulture,
        $"{name} exited with code {_process?.ExitCode}; the end of {name}.log:{Environment.NewLine}{_process?.LogTail()}");

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
