using EventPipeline.Contracts.Limiting;


namespace EventPipeline.Api.Limiting.Policies;

/// <summary>How a decision was reached; the values are the metric's <c>result</c> tag.</summary>
public enum LimitOutcome
{
    Allowed,
    Limited,
    ShadowLimited,
    FailedOpen,
    FailedClosed,
    Local,
    LocalLimited,
    /// <summary>The cost exceeds a bucket's capacity: no wait would ever admit it.</summary>
    TooLarge,
}

/// <summary>
/// One decision with the figures of the most constraining bucket. <see cref="Limit"/> is null when
/// no bucket was consulted (failed open or closed), so no quota headers can be promised.
/// </summary>
public sealed record LimitDecision(
    string Policy,
    LimitOutcome Outcome,
    BucketLimit? Limit,
    long Remaining,
    TimeSpan RetryAfter,
    TimeSpan Reset)
{
    public bool IsAllowed => Outcome is LimitOutcome.Allowed or LimitOutcome.ShadowLimited
        or LimitOutcome.FailedOpen or LimitOutcome.Local;

    public string MetricResult => Outcome switch
    {
        LimitOutcome.Allowed => "allowed",
        LimitOutcome.Limited or LimitOutcome.TooLarge => "limited",
        LimitOutcome.ShadowLimited => "shadow_limited",
        LimitOutcome.FailedOpen => "failed_open",
        LimitOutcome.FailedClosed => "failed_closed",
        LimitOutcome.LocalLimited => "local_limited",
        _ => "local",
    };

    /// <summary>Retry-After in whole seconds, rounded up so a client never returns before the next token.</summary>
    public long RetryAfterSeconds => (long)Math.Ceiling(RetryAfter.TotalSeconds);
}
