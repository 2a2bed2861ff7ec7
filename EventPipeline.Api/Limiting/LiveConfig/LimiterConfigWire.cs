using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Api.Limiting.LiveConfig;

/// <summary>The API's side of the config wire types (EventPipeline.Contracts.Limiting): built from options and snapshots, applied to policies.</summary>
public static class LimiterConfigWire
{
    public static LimiterConfigDocument FromOptions(LimiterOptions options) => new()
    {
        Default = options.Default,
        Tiers = new Dictionary<string, BucketLimit>(options.Tiers),
    };

    public static LimiterConfigResponse Response(LimiterConfigSnapshot snapshot) =>
        new(snapshot.Version, snapshot.Document.Default.Capacity, snapshot.Document.Default.Refill, snapshot.Document);

    public static LimitPolicy ApplyTo(this PolicyOverride change, LimitPolicy policy) =>
        policy with { Mode = change.Mode ?? policy.Mode, FailureMode = change.FailureMode ?? policy.FailureMode };
}
