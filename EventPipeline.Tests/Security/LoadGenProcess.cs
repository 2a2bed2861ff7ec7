using System.Collections.Concurrent;
using System.Diagnostics;
using EventPipeline.Resilience.Processes;

namespace EventPipeline.Tests.Security;

/// <summary>The built load generator's control service as its own process, wired to the API under attack.</summary>
public sealed class LoadGenProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private LoadGenProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri BaseAddress { get; }

    public string RecentOutput() => string.Join('\n', _output.TakeLast(100));

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static async Task<LoadGenProcess> StartAsync(Uri apiUrl, string demoSecret)
    {
        var port = FreePort.Next();
        // Its own output folder: its appsettings.json (the host filter) rather than another project's.
        var directory = Hardening.KestrelApi.ProjectDirectory("EventPipeline.LoadGen");
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(directory, "EventPipeline.LoadGen.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["LoadGen__ApiUrl"] = apiUrl.ToString();
        start.Environment["LoadGen__DemoClientSecret"] = demoSecret;
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        var loadGen = new LoadGenProcess(Process.Start(start)!, port);
        loadGen._process.OutputDataReceived += (_, e) => loadGen.Keep(e.Data);
        loadGen._process.ErrorDataReceived += (_, e) => loadGen.Keep(e.Data);
        loadGen._process.BeginOutputReadLine();
        loadGen._process.BeginErrorReadLine();
        await loadGen.WaitUntilServingAsync();
        return loadGen;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The load generator exited with code {_process.ExitCode}:\n{RecentOutput()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The load generator did not become healthy:\n{RecentOutput()}");
            }
            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
            while (_output.Count > 400 && _output.TryDequeue(out _))
            {
            }
        }
    }
}
