using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Engine;
using EventPipeline.LoadGen.Ledger;
using EventPipeline.Resilience.Measuring;

namespace EventPipeline.Resilience.Scenarios;

/// <summary>
/// Runs one scenario: a clean slate, open-loop load with a ledger, the fault injected after a
/// normal stretch and taken away after its time, a tail to recover in, then the figures.
/// </summary>
public sealed class ScenarioRunner(PipelineSystem system, LoadGenMetrics metrics)
{
    private static readonly TimeSpan RemovalAllowance = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RecoveryTail = TimeSpan.FromSeconds(2.5);

    // Every event any earlier load of this run sent, warm-up included: one of them stored after the
    // table was emptied is a late commit, not a phantom.
    private readonly HashSet<(string Client, Guid Id)> _sentEarlier = [];

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        var settings = system.Settings;
        var timing = settings.Timing;
        var faultFor = TimeSpan.FromSeconds(Math.Max(timing.Fault.TotalSeconds, scenario.MinimumFaultSeconds));
        await system.PrepareForScenarioAsync();
        var ledgerPath = Path.Combine(settings.WorkDirectory, $"{scenario.Name}.ledger.csv");
        // Taking a fault away can take long (PostgreSQL's crash recovery), and so can recovering:
        // the load runs until stopped, once service has been normal for a while after the fault.
        using var run = new LoadRun(LoadFor(scenario, ledgerPath, (timing.Before + faultFor + timing.RecoveryAllowance + RemovalAllowance).TotalSeconds), metrics);

        double startedAt, injectedAt, endedAt;
        RunReport report;
        var probe = LimiterProbe.Start(system.Replicas);
        try
        {
            run.Start();
            await WhenSendingAsync(run);
            startedAt = NowMs();
            await Task.Delay(timing.Before, cancellationToken);
            injectedAt = NowMs();
            var fault = await scenario.InjectAsync(system);
            var left = faultFor - TimeSpan.FromMilliseconds(NowMs() - injectedAt);
            await Task.Delay(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken);
            await fault.DisposeAsync();
            endedAt = NowMs();
            await RecoveryWatch.WaitAsync(run, scenario.OnRedis ? probe : null, timing.RecoveryAllowance, cancellationToken);
            // The watch judges whole seconds as they pass; the figures are measured afterwards in
            // half-second bins, and the last bin before the load stops is never whole. A short tail
            // gives that measurement the same normal stretch the watch saw, and then some.
            await Task.Delay(RecoveryTail, cancellationToken);
            run.Stop();
            report = await run.Completion;
        }
        finally
        {
            if (!run.Completion.IsCompleted)
            {
                run.Stop();
                await run.Completion;
            }

            await probe.DisposeAsync();
        }

        if (report.State is not (RunState.Completed or RunState.Stopped))
        {
            throw new InvalidOperationException($"The load run for {scenario.Name} ended {report.State}: {report.Error}");
        }

        var ledger = await LedgerEntry.ReadAllAsync(ledgerPath, cancellationToken);
        var reconciliation = await Reconciliation.ReconcileAsync(ledger, system.Postgres.ConnectionString, _sentEarlier);
        Remember(ledger);
        double LatencyP99(double from, double to) => Percentile.Of(ledger.Where(e => e.SentUnixMs >= from && e.SentUnixMs < to).Select(e => e.LatencyMs), 99);
        return new ScenarioResult(
            scenario.Name,
            scenario.Description,
            ledger.Count,
            ledger.GroupBy(e => e.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => (long)g.LongCount()),
            reconciliation,
            OverAdmission.Measure(ledger, injectedAt, settings),
            (endedAt - injectedAt) / 1000,
            LatencyP99(injectedAt, endedAt),
            LatencyP99(startedAt, injectedAt),
            Recovery.Measure(ledger, scenario.OnRedis ? probe : null, endedAt),
            system.Replicas.Count(r => !r.IsRunning) - scenario.ReplicasKilled,
            scenario.VerifyAsync is null ? null : await scenario.VerifyAsync(system),
            [.. system.Replicas.Where(r => !r.IsRunning).Select(r => r.ExitReport())]);
    }

    /// <summary>A few seconds of the same traffic, unmeasured, so the first scenario does not measure the JIT.</summary>
    public async Task WarmUpAsync()
    {
        await system.PrepareForScenarioAsync();
        var ledgerPath = Path.Combine(system.Settings.WorkDirectory, "warm-up.ledger.csv");
        using var run = new LoadRun(LoadFor(ScenarioCatalog.All[0], ledgerPath, seconds: 5), metrics);
        run.Start();
        await run.Completion;
        Remember(await LedgerEntry.ReadAllAsync(ledgerPath));
    }

    private void Remember(IReadOnlyList<LedgerEntry> ledger) =>
        _sentEarlier.UnionWith(ledger.Where(e => e.EventId is not null).Select(e => (e.Client, e.EventId!.Value)));

    private RunOptions LoadFor(Scenario scenario, string? ledgerPath, double seconds) => new()
    {
        Profile = "steady",
        Rps = system.Settings.Rps,
        Duration = seconds,
        Clients = system.Settings.Clients,
        Url = system.Url,
        Secret = system.DemoSecret,
        LedgerPath = ledgerPath,
        ClockSkewSeconds = scenario.ClockSkewSeconds,
    };

    // Tokens are fetched before the first send; the fault's clock starts with the traffic.
    private static async Task WhenSendingAsync(LoadRun run)
    {
        while (run.State == RunState.Starting && !run.Completion.IsCompleted)
        {
            await Task.Delay(20);
        }
    }

    private static double NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
