using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting;

/// <summary>The configured policies by name.</summary>
public sealed class LimitPolicyCatalog(IOptions<LimiterOptions> options)
{
    private readonly Dictionary<string, LimitPolicy> _policies = options.Value.Policies
        .ToDictionary(p => p.Key, p => LimitPolicy.From(p.Key, p.Value), StringComparer.Ordinal);

    public IEnumerable<LimitPolicy> All => _policies.Values;

    public LimitPolicy Get(string name) => _policies.TryGetValue(name, out var policy)
        ? policy
        : throw new InvalidOperationException($"No limiter policy '{name}' is configured under {LimiterOptions.SectionName}:Policies.");
}
