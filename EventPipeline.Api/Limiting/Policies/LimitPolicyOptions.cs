using EventPipeline.Contracts.Limiting;


namespace EventPipeline.Api.Limiting.Policies;

public enum PartitionKind
{
    /// <summary>The authenticated client (<c>sub</c> claim).</summary>
    Client,
    /// <summary>The caller's IP address, for endpoints used before a client is known.</summary>
    Ip,
}

/// <summary>One named policy (<c>ingest</c>, <c>ingest-batch</c>, <c>token-endpoint</c>, ...).</summary>
public sealed class LimitPolicyOptions
{
    public PolicyMode Mode { get; set; } = PolicyMode.Enforce;

    public FailureMode FailureMode { get; set; } = FailureMode.Local;

    public PartitionKind PartitionBy { get; set; } = PartitionKind.Client;

    /// <summary>
    /// The buckets one request charges, all or none in one script call; empty means one bucket
    /// named after the policy. Policies naming the same bucket share its tokens.
    /// </summary>
    public List<string> Buckets { get; set; } = [];

    /// <summary>A fixed limit for this policy's buckets instead of the client's override, tier or default.</summary>
    public BucketLimit? Limit { get; set; }
}
