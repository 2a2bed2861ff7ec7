using System.Text.Json.Serialization;
namespace EventPipeline.Contracts.Limiting;

/// <summary>The live, versioned limiter settings: the default, per-tier and per-client limits.</summary>
public sealed record LimiterConfigDocument
{
    [JsonPropertyName("default")]
    public required BucketLimit Default { get; init; }

    [JsonPropertyName("tiers")]
    public IReadOnlyDictionary<string, BucketLimit> Tiers { get; init; } = new Dictionary<string, BucketLimit>();

    [JsonPropertyName("clients")]
    public IReadOnlyDictionary<string, BucketLimit> Clients { get; init; } = new Dictionary<string, BucketLimit>();

    [JsonPropertyName("policies")]
    public IReadOnlyDictionary<string, PolicyOverride> Policies { get; init; } = new Dictionary<string, PolicyOverride>();

    public LimiterConfigDocument WithTier(string tier, BucketLimit limit) =>
        this with { Tiers = new Dictionary<string, BucketLimit>(Tiers) { [tier] = limit } };

    public LimiterConfigDocument WithPolicy(string policy, PolicyOverride change) =>
        this with { Policies = new Dictionary<string, PolicyOverride>(Policies) { [policy] = change } };

    public LimiterConfigDocument WithClient(string clientId, BucketLimit limit) =>
        this with { Clients = new Dictionary<string, BucketLimit>(Clients) { [clientId] = limit } };
}
