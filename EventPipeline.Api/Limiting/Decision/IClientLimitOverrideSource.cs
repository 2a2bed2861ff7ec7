using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>
/// A store of clients' own limits besides the live config (Identity's client registry implements it).
/// The live config's override always wins; these are asked, in registration order, only without one.
/// </summary>
public interface IClientLimitOverrideSource
{
    BucketLimit? Find(string clientId);
}
