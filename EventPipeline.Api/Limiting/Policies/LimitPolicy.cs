using EventPipeline.Contracts.Limiting;


namespace EventPipeline.Api.Limiting.Policies;

/// <summary>A named policy as resolved from <see cref="LimitPolicyOptions"/>.</summary>
public sealed record LimitPolicy(
    string Name,
    PolicyMode Mode,
    FailureMode FailureMode,
    PartitionKind PartitionBy,
    IReadOnlyList<string> Buckets,
    BucketLimit? FixedLimit)
{
    public static LimitPolicy From(string name, LimitPolicyOptions options) => new(
        name,
        options.Mode,
        options.FailureMode,
        options.PartitionBy,
        options.Buckets.Count == 0 ? [name] : [.. options.Buckets.Distinct(StringComparer.Ordinal)],
        options.Limit);
}
