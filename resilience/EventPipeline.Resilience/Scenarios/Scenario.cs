namespace EventPipeline.Resilience.Scenarios;

/// <summary>
/// One fault. Inject puts it on the running system and returns what takes it away again (nothing
/// for faults that end by themselves, such as a kill whose process is not brought back).
/// </summary>
/// <param name="Name">The name run.sh takes.</param>
/// <param name="Description">What the fault does, as printed.</param>
/// <param name="InjectAsync">Puts the fault on; disposing the result takes it away.</param>
/// <param name="OnRedis">
/// The fault is on Redis: recovery also waits for the limiter to decide through Redis again (its
/// circuit breaker to close). Other faults are judged by the answers alone.
/// </param>
/// <param name="MinimumFaultSeconds">The fault lasts at least this long, however short the run's faults are.</param>
/// <param name="ReplicasKilled">API replicas the fault kills on purpose; any other replica that dies fails the scenario.</param>
/// <param name="ClockSkewSeconds">The clients' clocks are this far off for the whole run.</param>
/// <param name="VerifyAsync">A scenario's own check on what was stored: null when it holds, otherwise why not.</param>
public sealed record Scenario(
    string Name,
    string Description,
    Func<PipelineSystem, Task<IAsyncDisposable>> InjectAsync,
    bool OnRedis = false,
    double MinimumFaultSeconds = 0,
    int ReplicasKilled = 0,
    double? ClockSkewSeconds = null,
    Func<PipelineSystem, Task<string?>>? VerifyAsync = null);
