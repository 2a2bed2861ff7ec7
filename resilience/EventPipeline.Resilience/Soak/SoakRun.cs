using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Engine;
using EventPipeline.LoadGen.Ledger;
using EventPipeline.Resilience.Measuring;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Resilience.Soak;

/// <summary>
/// Wave traffic for a long time with no fault: does anything grow that should not (replica memory,
/// Redis keys), does latency drift, and does the ledger still reconcile at the end.
/// </summary>
public static class SoakRun
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(HarnessSettings settings, double seconds, TextWriter output)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        output.WriteLine($"soak: {seconds:F0} s of wave traffic; starting the system in {settings.WorkDirectory}");
        await using var system = await PipelineSystem.StartAsync(settings);
        await system.PrepareForScenarioAsync();
        var ledgerPath = Path.Combine(settings.WorkDirectory, "soak.ledger.csv");
        using var run = new LoadRun(new RunOptions
        {
            Profile = "wave", Min = settings.Rps / 3, Max = settings.Rps, Period = 60, Duration = seconds,
            Clients = settings.Clients, Url = system.Url, Secret = system.DemoSecret, LedgerPath = ledgerPath,
        }, new LoadGenMetrics(services.GetRequiredService<IMeterFactory>()));
        run.Start();
        var samples = await SampleUntilDoneAsync(system, run, output);
        var report = await run.Completion;

        var ledger = await LedgerEntry.ReadAllAsync(ledgerPath);
        var reconciliation = await Reconciliation.ReconcileAsync(ledger, system.Postgres.ConnectionString);
        var start = ledger.Min(e => e.SentUnixMs);
        var p99ByMinute = ledger.GroupBy(e => (int)((e.SentUnixMs - start) / 60_000)).OrderBy(g => g.Key)
            .Select(g => Percentile.Of(g.Select(e => e.LatencyMs), 99)).ToList();
        var errors500 = ledger.Count(e => e.Status == 500);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {report.State}: sent {ledger.Count}, 500s {errors500}, lost {reconciliation.Lost}, phantom {reconciliation.Phantom}, duplicates {reconciliation.Duplicates}"));
        for (var i = 0; i < system.Replicas.Count; i++)
        {
            var rss = samples.Select(s => s.ReplicaResidentBytes[i] / 1048576.0).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{system.Replicas[i].Name} memory (MiB): first {rss[0]:F0}, last {rss[^1]:F0}, max {rss.Max():F0}"));
        }

        output.WriteLine($"Redis keys: first {samples[0].RedisKeys}, last {samples[^1].RedisKeys}, max {samples.Max(s => s.RedisKeys)}");
        // The first minute carries JIT warm-up; drift is measured from the second.
        var baseline = p99ByMinute.Count > 1 ? p99ByMinute[1] : p99ByMinute[0];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p99 per minute (ms): {string.Join(" ", p99ByMinute.Select(p => p.ToString("F0", CultureInfo.InvariantCulture)))}; drift last/second minute {p99ByMinute[^1] / Math.Max(baseline, 0.001):F2}x"));
        await File.WriteAllTextAsync(Path.Combine(settings.WorkDirectory, "soak.json"),
            JsonSerializer.Serialize(new { samples, p99ByMinute, reconciliation, errors500 }, ResultsJson.Options));
        return reconciliation.Clean && errors500 == 0 && report.State == RunState.Completed ? 0 : 1;
    }

    private static async Task<List<SoakSample>> SampleUntilDoneAsync(PipelineSystem system, LoadRun run, TextWriter output)
    {
        var samples = new List<SoakSample>();
        var clock = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(SampleEvery);
        do
        {
            var keys = await system.RedisDirectServer.DatabaseSizeAsync();
            var sample = new SoakSample(clock.Elapsed.TotalSeconds, [.. system.Replicas.Select(r => r.ResidentBytes)], keys);
            samples.Add(sample);
            if (samples.Count % 30 == 1)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{sample.ElapsedSeconds,6:F0}s] memory MiB {string.Join(" / ", sample.ReplicaResidentBytes.Select(b => (b / 1048576.0).ToString("F0", CultureInfo.InvariantCulture)))}, Redis keys {keys}, sent {run.Recorder.Sent}"));
            }
        }
        while (!run.Completion.IsCompleted && await timer.WaitForNextTickAsync());

        return samples;
    }
}
