using System.Collections.Concurrent;
using System.Diagnostics;
using EventPipeline.LocalServers.Processes;

namespace EventPipeline.Tests.Security;

/// <summary>
/// One of our built services as its own process on a free port, with the environment a test gives
/// it and its recent output kept for failure messages. Started from its own output folder, so it
/// reads its own appsettings.json (the host filter) rather than another project's.
/// </summary>
public class ServiceProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;
    private readonly string _name;

    protected ServiceProcess(string project, string name, IReadOnlyDictionary<string, string> environment)
    {
        _name = name;
        Port = FreePort.Next();
        var directory = Hardening.KestrelApi.ProjectDirectory(project);
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(directory, Path.GetFileName(project) + ".dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
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

    public string RecentOutput() => string.Join('\n', _output.TakeLast(100));

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

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
        GC.SuppressFinalize(this);
    }

    /// <summary>Until <paramref name="probePath"/> answers 2xx; a process that exits or a minute without an answer fails.</summary>
    protected async Task WaitUntilServingAsync(string probePath)
    {
        using var http = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The {_name} exited with code {_process.ExitCode}:\n{RecentOutput()}");
            }
            try
            {
                using var response = await http.GetAsync(new Uri(probePath, UriKind.Relative));
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
                throw new TimeoutException($"The {_name} did not start serving {probePath}:\n{RecentOutput()}");
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
