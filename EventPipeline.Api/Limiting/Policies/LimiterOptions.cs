using System.ComponentModel.DataAnnotations;
using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Api.Limiting.Policies;

public sealed class LimiterOptions
{
    public const string SectionName = "Limiting";

    /// <summary>Passes the app's clock (ms) to the script, for managed Redis that forbids TIME in scripts.</summary>
    public bool UseAppTime { get; set; }

    /// <summary>
    /// Longest a request waits for its decision; past it the request gets the policy's failure mode.
    /// Far above a Redis round trip (well under a millisecond) so that only a stalled Redis reaches it;
    /// whether Redis is unhealthy is the breaker's judgement, not one call's.
    /// </summary>
    [Range(1, 10_000)]
    public int RedisTimeoutMilliseconds { get; set; } = 500;

    /// <summary>Longest a decision waits for Redis in all, however much of the wait this process spent stalled.</summary>
    [Range(1, 60_000)]
    public int RedisStalledWaitMilliseconds { get; set; } = 5_000;

    /// <summary>Decisions one script call carries at most.</summary>
    [Range(1, 1000)]
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>Batches in flight at once; what arrives meanwhile waits for the next batch.</summary>
    [Range(1, 64)]
    public int MaxBatchesInFlight { get; set; } = 2;

    /// <summary>Replicas sharing the limit; in <c>local</c> failure mode each replica allows limit / replicas.</summary>
    [Range(1, 1000)]
    public int Replicas { get; set; } = 2;

    /// <summary>Share of the calls in the sampling window that must fail to open the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Calls the sampling window must hold before its failure share counts.</summary>
    [Range(1, 100_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(100, 600_000)]
    public int BreakerSamplingMilliseconds { get; set; } = 2_000;

    /// <summary>
    /// How long failures must go on before they open the circuit: a pause of this process ends with
    /// every call in flight timing out at once, a failing Redis fails call after call.
    /// </summary>
    [Range(0, 600_000)]
    public int BreakerSustainedMilliseconds { get; set; } = 500;

    /// <summary>How long an open circuit refuses calls before one probe; a probe risks one request's deadline.</summary>
    [Range(1, 3600_000)]
    public int BreakerOpenMilliseconds { get; set; } = 1_000;

    /// <summary>Seconds a <c>closed</c> failure tells clients to wait.</summary>
    [Range(1, 3600)]
    public int FailedClosedRetryAfterSeconds { get; set; } = 5;

    /// <summary>Redis channel announcing a new config version to every replica.</summary>
    [Required]
    public string ConfigChannel { get; set; } = "ep:limiter:config";

    [Range(50, 60_000)]
    public int ConfigPollMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// Longest time a replica refuses a caller on a remembered Redis refusal without asking again;
    /// 0 turns the refusal cache off (every request goes to Redis, as the benchmarks' floor does).
    /// </summary>
    [Range(0, 3600)]
    public int KnownRefusalMaxSeconds { get; set; } = 60;

    /// <summary>Callers whose refusal a replica remembers at most; beyond it refusals go to Redis.</summary>
    [Range(1, 10_000_000)]
    public int KnownRefusalCapacity { get; set; } = 100_000;

    /// <summary>The limit before any live config version exists (the original's 100 and 10/s).</summary>
    [Required]
    public BucketLimit Default { get; set; } = BucketLimit.Of(100, 10);

    public Dictionary<string, BucketLimit> Tiers { get; set; } = [];

    public Dictionary<string, LimitPolicyOptions> Policies { get; set; } = [];
}
