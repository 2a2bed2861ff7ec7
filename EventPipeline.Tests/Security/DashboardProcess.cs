using System.Collections.Concurrent;
using System.Diagnostics;
using EventPipeline.Resilience.Processes;

namespace EventPipeline.Tests.Security;

/// <summary>The built dashboard as its own process, with the environment a test gives it.</summary>
public sealed class DashboardProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private DashboardProcess(IReadOnlyDictionary<string, string> environment)
    {
        Port = FreePort.Next();
        // Its own output folder: its appsettings.json (the host filter) rather than another project's.
        var directory = Hardening.KestrelApi.ProjectDirectory("EventPipeline.Dashboard");
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(directory, "EventPipeline.Dashboard.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output() => string.Join('\n', _output);

    /// <summary>Starts the dashboard without waiting for it: a test of a refused start waits for the exit instead.</summary>
    public static DashboardProcess Start(IReadOnlyDictionary<string, string> environment) => new(environment);

    public static async Task<DashboardProcess> StartServingAsync(IReadOnlyDictionary<string, string> environment)
    {
        var dashboard = new DashboardProcess(environment);
        await dashboard.WaitUntilServingAsync();
        return dashboard;
    }

    /// <summary>Waits for the process to end on its own; a process still running after a minute fails the test.</summary>
    public async Task WaitForExitAsync()
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(giveUp.Token);
        // The exit can overtake the last lines read from its pipes.
        _process.WaitForExit();
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
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The dashboard exited with code {_process.ExitCode}:\n{Output()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri("/alive", UriKind.Relative));
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
                throw new TimeoutException($"The dashboard did not start serving:\n{Output()}");
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
