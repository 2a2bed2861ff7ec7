namespace EventPipeline.Resilience;

/// <summary>
/// The system under test and the load on it. The limit is set below the offered load per client,
/// so the limiter refuses some of every client's requests and over-admission is measurable.
/// </summary>
public sealed record HarnessSettings
{
    public required string WorkDirectory { get; init; }

    /// <summary>Release for the measured runs; the tests use the build they run in.</summary>
    public string Configuration { get; init; } = "Release";

    public int Replicas { get; init; } = 2;

    /// <summary>The ingest policy's failure mode: Local (the shipped default), Closed or Open.</summary>
    public string FailureMode { get; init; } = "Local";

    public double Capacity { get; init; } = 30;

    public double Refill { get; init; } = 15;

    // Modest on purpose: the machine is shared, and the harness measures faults, not capacity.
    public double Rps { get; init; } = 120;

    public int Clients { get; init; } = 4;

    /// <summary>The limiter's Redis timeout; 50 ms is what ships. Tests on a busy machine give it more.</summary>
    public int RedisTimeoutMilliseconds { get; init; } = 500;

    public ScenarioTiming Timing { get; init; } = ScenarioTiming.Full(TimeSpan.FromSeconds(20));
}

/// <summary>
/// Normal traffic before the fault, the fault itself, and at most this long after it for service
/// to come back by itself; the load stops soon after it has.
/// </summary>
public sealed record ScenarioTiming(TimeSpan Before, TimeSpan Fault, TimeSpan RecoveryAllowance)
{
    public static ScenarioTiming Full(TimeSpan fault) => new(TimeSpan.FromSeconds(5), fault, TimeSpan.FromSeconds(60));

    public static ScenarioTiming Brief { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));
}
