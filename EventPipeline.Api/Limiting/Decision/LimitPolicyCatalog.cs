using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Policies;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>The configured policies by name, with the live config's mode changes applied.</summary>
public sealed class LimitPolicyCatalog(IOptions<LimiterOptions> options, LiveLimiterConfig live)
{
    private readonly Dictionary<string, LimitPolicy> _policies = options.Value.Policies
        .ToDictionary(p => p.Key, p => LimitPolicy.From(p.Key, p.Value), StringComparer.Ordinal);

    public IEnumerable<LimitPolicy> All => _policies.Values;

    public bool Exists(string name) => _policies.ContainsKey(name);

    public LimitPolicy Get(string name) => _policies.TryGetValue(name, out var policy)
        ? live.Current.Document.Policies.TryGetValue(name, out var change) ? change.ApplyTo(policy) : policy
        : throw new InvalidOperationException($"No limiter policy '{name}' is configured under {LimiterOptions.SectionName}:Policies.");
}
