using EventPipeline.LocalServers.Processes;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// The built API as its own process on a real Kestrel socket, against a real PostgreSQL and Redis:
/// malformed HTTP needs a socket, and a crash or a memory blow-up must show in that process, not
/// in the test host.
/// </summary>
public class KestrelApi : IAsyncLifetime
{
    private const int KeptOutputLines = 400;
    private static readonly string[] s_writerScopes = ["events:write", "events:read"];
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    public LocalPostgresServer Postgres { get; } = new();

    public LocalRedisServer Redis { get; } = new();

    public int Port { get; private set; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>An admin token, and a client with the events scopes whose limit never gets in the way.</summary>
    public string AdminToken { get; private set; } = "";

    public string WriterToken { get; private set; } = "";

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>The process's peak resident set (VmHWM): catches a body buffered whole even after it was freed.</summary>
    public long PeakResidentBytes() => ReadStatusKilobytes("VmHWM") * 1024;

    public long ResidentBytes() => ReadStatusKilobytes("VmRSS") * 1024;

    /// <summary>The API's last log lines, to show beside a failure.</summary>
    public string RecentOutput() =>
        (_process is { HasExited: true } ? $"(exited with code {_process.ExitCode})\n" : "") + string.Join('\n', _output);

    public virtual async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await Redis.InitializeAsync();
        await StartOnAFreePortAsync();
        using var http = CreateClient();
        AdminToken = await TokenAsync(http, "admin", ApiFactory.AdminSecret);
        WriterToken = await TokenAsync(http, "hardening-writer", await RegisterWriterAsync(http));
    }

    public virtual async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    // A port is free only until something binds it: the port is picked after PostgreSQL and Redis
    // have taken theirs, and a race lost to another process in between is run again on a new port.
    private async Task StartOnAFreePortAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            _process?.Dispose();
            _output.Clear();
            _process = Process.Start(StartInfo())!;
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            try
            {
                await WaitUntilServingAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && RecentOutput().Contains("address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private ProcessStartInfo StartInfo()
    {
        var directory = ProjectDirectory("EventPipeline.Api");
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(directory, "EventPipeline.Api.dll")])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = BaseAddress.ToString(),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__eventsdb"] = Postgres.ConnectionString,
            ["ConnectionStrings__redis"] = Redis.ConnectionString,
            ["Identity__SigningKey"] = ApiFactory.SigningKey,
            ["Identity__AdminClientSecret"] = ApiFactory.AdminSecret,
            ["Identity__DemoClients"] = "true",
            ["Identity__DemoClientSecret"] = ApiFactory.DemoSecret,
            ["Limiting__RedisTimeoutMilliseconds"] = "1000",
            // Every request comes from 127.0.0.1: the token endpoint's per-IP burst must not turn the fuzz into 429s.
            ["Limiting__Policies__token-endpoint__Limit__Capacity"] = "1000000",
            ["Limiting__Policies__token-endpoint__Limit__Refill"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "",
            // Admission control sheds whatever arrives while this process's threads queue, and on a
            // loaded 2-core test machine they do (PBKDF2 logins are 85 ms of CPU each): its 503 would
            // say nothing about the input under attack. Admission control has its own tests.
            ["Admission__Enabled"] = "false",
        };
        Configure(settings);
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>Changes the API's environment before it starts: a fixture with other settings overrides this.</summary>
    protected virtual void Configure(Dictionary<string, string> settings)
    {
    }

    // A project's own output folder: its appsettings.json, not another project's copied beside the tests.
    /// <summary>The build output of a project, given by its folder from the repository root (bench/FloorApi, say).</summary>
    internal static string ProjectDirectory(string project)
    {
        var assembly = Path.GetFileName(project);
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        for (var dir = testOutput; dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, project, "bin", configuration, framework);
            if (File.Exists(Path.Combine(candidate, assembly + ".dll")))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"{project}/bin/{configuration}/{framework}/{assembly}.dll was not found above the test folder.");
    }

    /// <summary>The API's address on the IPv6 loopback, for fixtures that listen there too.</summary>
    public Uri Ipv6Address => new($"http://[::1]:{Port}");

    private async Task WaitUntilServingAsync()
    {
        using var http = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {_process.ExitCode} before serving:\n{RecentOutput()}");
            }
            try
            {
                using var response = await http.GetAsync("/health");
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
                throw new TimeoutException($"The API did not become healthy:\n{RecentOutput()}");
            }
            await Task.Delay(200);
        }
    }

    private async Task<string> RegisterWriterAsync(HttpClient http)
    {
        using var created = await SendAsync(http, HttpMethod.Post, "/v1/admin/clients",
            new { client_id = "hardening-writer", scopes = s_writerScopes });
        using var body = await JsonDocument.ParseAsync(await created.EnsureSuccessStatusCode().Content.ReadAsStreamAsync());
        using var raised = await SendAsync(http, HttpMethod.Put, "/v1/config/limiter/clients/hardening-writer",
            new { bucket = 1_000_000_000, refill = 1_000_000_000 });
        raised.EnsureSuccessStatusCode();
        return body.RootElement.GetProperty("client_secret").GetString()!;
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return http.SendAsync(request);
    }

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        using var response = await http.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        using var body = await JsonDocument.ParseAsync(await response.EnsureSuccessStatusCode().Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines && _output.TryDequeue(out _))
        {
        }
    }

    private long ReadStatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process!.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class HardenedApi : ICollectionFixture<KestrelApi>
{
    public const string Name = "API process on Kestrel against real PostgreSQL and Redis";
}
