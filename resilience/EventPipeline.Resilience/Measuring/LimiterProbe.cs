using System.Globalization;
using EventPipeline.Resilience.Processes;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// Reads every replica's Prometheus endpoint a few times a second and counts, per interval, the
/// limiter's decisions and those made by its failure mode instead of Redis. Clients cannot see a
/// local-mode decision, so this is how recovery of the limiter itself is timed.
/// </summary>
public sealed class LimiterProbe : IAsyncDisposable
{
    private static readonly string[] s_degradedResults = ["\"local\"", "\"local_limited\"", "\"failed_open\"", "\"failed_closed\""];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly IReadOnlyList<ApiReplica> _replicas;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(double AtUnixMs, double Decisions, double Degraded)> _intervals = [];
    private readonly Dictionary<string, (double Decisions, double Degraded)> _lastCounts = [];
    private readonly Task _sampling;

    private LimiterProbe(IReadOnlyList<ApiReplica> replicas)
    {
        _replicas = replicas;
        _sampling = SampleAsync();
    }

    public static LimiterProbe Start(IReadOnlyList<ApiReplica> replicas) => new(replicas);

    /// <summary>Whether, between the two instants, more than half the limiter's decisions came from its failure mode.</summary>
    public bool MostlyDegraded(double fromUnixMs, double toUnixMs)
    {
        var seen = _intervals.Where(i => i.AtUnixMs > fromUnixMs && i.AtUnixMs <= toUnixMs + 250).ToList();
        return seen.Sum(i => i.Degraded) > 0.5 * seen.Sum(i => i.Decisions);
    }

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
        double decisions = 0, degraded = 0;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("eventpipeline_limiter_decisions", StringComparison.Ordinal) && line.Contains("policy=\"ingest\"", StringComparison.Ordinal))
            {
                var value = Value(line);
                decisions += value;
                degraded += s_degradedResults.Any(r => line.Contains("result=" + r, StringComparison.Ordinal)) ? value : 0;
            }
        }

        // A restarted replica starts its counters again from zero.
        if (_lastCounts.TryGetValue(replica.Name, out var previous) && decisions >= previous.Decisions)
        {
            _intervals.Add((now, decisions - previous.Decisions, degraded - previous.Degraded));
        }

        _lastCounts[replica.Name] = (decisions, degraded);
    }

    // "name{labels} value [timestamp]"
    private static double Value(string line)
    {
        var afterLabels = line.IndexOf('}', StringComparison.Ordinal) is var close and >= 0 ? line[(close + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
        var number = afterLabels.Trim().Split(' ')[0];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0;
    }
}
