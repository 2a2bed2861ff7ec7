using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Api.Limiting;

public sealed class LimiterOptions
{
    public const string SectionName = "Limiting";

    /// <summary>Passes the app's clock (ms) to the script, for managed Redis that forbids TIME in scripts.</summary>
    public bool UseAppTime { get; set; }

    [Range(1, 10_000)]
    public int RedisTimeoutMilliseconds { get; set; } = 50;

    /// <summary>Replicas sharing the limit; in <c>local</c> failure mode each replica allows limit / replicas.</summary>
    [Range(1, 1000)]
    public int Replicas { get; set; } = 2;

    [Range(1, 1000)]
    public int BreakerFailureThreshold { get; set; } = 5;

    [Range(1, 3600_000)]
    public int BreakerOpenMilliseconds { get; set; } = 5_000;

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
