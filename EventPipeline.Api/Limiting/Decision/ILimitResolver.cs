using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>Resolves the limit of one bucket for one caller.</summary>
public interface ILimitResolver
{
    BucketLimit Resolve(LimitPolicy policy, LimitSubject subject);
}

/// <summary>Policy's fixed limit, else the client's override, else its tier's, else the default.</summary>
internal sealed class LimitResolver(IClientLimitOverrideSource overrides, LiveLimiterConfig config) : ILimitResolver
{
    public BucketLimit Resolve(LimitPolicy policy, LimitSubject subject)
    {
        if (policy.FixedLimit is { } fixedLimit)
        {
            return fixedLimit;
        }
        var document = config.Current.Document;
        if (subject.Kind == PartitionKind.Client && overrides.Find(subject.Id) is { } own)
        {
            return own;
        }
        if (subject.Tier is { } tier && document.Tiers.TryGetValue(tier, out var tierLimit))
        {
            return tierLimit;
        }
        return document.Default;
    }
}
