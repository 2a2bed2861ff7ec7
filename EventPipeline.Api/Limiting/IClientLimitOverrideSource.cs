namespace EventPipeline.Api.Limiting;

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
