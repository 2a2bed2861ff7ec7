using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>Where a client's own limit comes from (live config today; the identity registry can add to it).</summary>
public interface IClientLimitOverrideSource
{
    BucketLimit? Find(string clientId);
}

internal sealed class LiveConfigOverrideSource(LiveLimiterConfig config) : IClientLimitOverrideSource
{
    public BucketLimit? Find(string clientId) =>
        config.Current.Document.Clients.GetValueOrDefault(clientId);
}
