using System.Threading.RateLimiting;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>A lease carrying the decision: the standard RetryAfter plus our limit, remaining and reset.</summary>
internal sealed class DecisionLease(LimitDecision? decision) : RateLimitLease
{
    public static readonly MetadataName<LimitDecision> Decision = MetadataName.Create<LimitDecision>("eventpipeline.decision");
    public static readonly MetadataName<long> Limit = MetadataName.Create<long>("RATELIMIT_LIMIT");
    public static readonly MetadataName<long> Remaining = MetadataName.Create<long>("RATELIMIT_REMAINING");
    public static readonly MetadataName<TimeSpan> Reset = MetadataName.Create<TimeSpan>("RATELIMIT_RESET");

    public static readonly DecisionLease NotAttempted = new(null);

    public override bool IsAcquired => decision?.IsAllowed == true;

    public override IEnumerable<string> MetadataNames =>
        decision is null ? [] : [Decision.Name, MetadataName.RetryAfter.Name, Limit.Name, Remaining.Name, Reset.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = decision is null ? null : metadataName switch
        {
            _ when metadataName == Decision.Name => decision,
            _ when metadataName == MetadataName.RetryAfter.Name => decision.RetryAfter,
            _ when metadataName == Limit.Name && decision.Limit is { } limit => (long)limit.Capacity,
            _ when metadataName == Remaining.Name => decision.Remaining,
            _ when metadataName == Reset.Name => decision.Reset,
            _ => null,
        };
        return metadata is not null;
    }
}
