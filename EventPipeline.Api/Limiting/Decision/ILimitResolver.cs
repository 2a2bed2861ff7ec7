using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>Resolves the limit of one bucket for one caller.</summary>
public interface ILimitResolver
{
    BucketLimit Resolve(LimitPolicy policy, LimitSubject subject);
}

/// <summary>Policy's fixed limit, else the client's override (live config, then the stores), else its tier's, else the default.</summary>
internal sealed class LimitResolver(IEnumerable<IClientLimitOverrideSource> stores, LiveLimiterConfig config) : ILimitResolver
{
    private readonly IClientLimitOverrideSource[] _stores = [.. stores];

    public BucketLimit Resolve(LimitPolicy policy, LimitSubject subject)
    {
        if (policy.FixedLimit is { } fixedLimit)
        {
            return fixedLimit;
        }
        var document = config.Current.Document;
        if (subject.Kind == PartitionKind.Client && OwnLimit(document, subject.Id) is { } own)
        {
            return own;
        }
        if (subject.Tier is { } tier && document.Tiers.TryGetValue(tier, out var tierLimit))
        {
            return tierLimit;
        }
        return document.Default;
    }

    private BucketLimit? OwnLimit(LimiterConfigDocument document, string clientId)
    {
        if (document.Clients.GetValueOrDefault(clientId) is { } live)
        {
            return live;
        }
        foreach (var store in _stores)
        {
            if (store.Find(clientId) is { } stored)
            {
                return stored;
            }
        }
        return null;
    }
}
