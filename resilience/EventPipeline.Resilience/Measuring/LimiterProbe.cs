using System.Globalization;
using EventPipeline.Resilience.Processes;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// Reads every replica's Prometheus endpoint a few times a second and notes when the limiter was
/// not deciding through Redis: a failure-mode decision counted, or the circuit not closed. Clients
/// cannot see a local-mode decision, so this is how recovery of the limiter itself is timed.
/// </summary>
public sealed class LimiterProbe : IAsyncDisposable
{
    private static readonly string[] s_degradedResults = ["\"local\"", "\"local_limited\"", "\"failed_open\"", "\"failed_closed\""];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly IReadOnlyList<ApiReplica> _replicas;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<double> _degradedAtUnixMs = [];
    private readonly Dictionary<string, double> _lastCounts = [];
    private readonly Task _sampling;

    private LimiterProbe(IReadOnlyList<ApiReplica> replicas)
    {
        _replicas = replicas;
        _sampling = SampleAsync();
    }

    public static LimiterProbe Start(IReadOnlyList<ApiReplica> replicas) => new(replicas);

    /// <summary>When a sample found the limiter degraded, in Unix milliseconds.</summary>
    public IReadOnlyList<double> DegradedAtUnixMs => _degradedAtUnixMs;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                foreach (var replica in _replicas.Where(r => r.IsRunning))
                {
                    await SampleAsync(replica);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task SampleAsync(ApiReplica replica)
    {
        string text;
        try
        {
            text = await _http.GetStringAsync(new Uri(replica.Url, "/metrics"), _stop.Token);
        }
        catch (HttpRequestException)
        {
            return;
        }
        catch (TaskCanceledException) when (!_stop.IsCancellationRequested)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var failureDecisions = 0.0;
        var circuitOpen = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("eventpipeline_limiter_decisions", StringComparison.Ordinal) && s_degradedResults.Any(r => line.Contains("result=" + r, StringComparison.Ordinal)))
            {
                failureDecisions += Value(line);
            }
            else if (line.StartsWith("eventpipeline_limiter_circuit_state", StringComparison.Ordinal))
            {
                circuitOpen |= Value(line) > 0;
            }
        }

        var increased = _lastCounts.TryGetValue(replica.Name, out var previous) && failureDecisions > previous;
        _lastCounts[replica.Name] = failureDecisions;
        if (increased || circuitOpen)
        {
            _degradedAtUnixMs.Add(now);
        }
    }

    // "name{labels} value [timestamp]"
    private static double Value(string line)
    {
        var afterLabels = line.IndexOf('}', StringComparison.Ordinal) is var close and >= 0 ? line[(close + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        var number = afterLabels.Trim().Split(' ')[0];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
