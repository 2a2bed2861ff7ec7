
namespace EventPipeline.Api.Limiting.Policies;

/// <summary>Who is limited: a client (with its tier) or, before authentication, an IP address.</summary>
public sealed record LimitSubject(PartitionKind Kind, string Id, string? Tier)
{
    public static LimitSubject Client(string clientId, string? tier = null) => new(PartitionKind.Client, clientId, tier);

    public static LimitSubject Ip(string address) => new(PartitionKind.Ip, address, null);

    /// <summary>The hash-tagged key: all of one subject's buckets share a Redis Cluster slot.</summary>
    public string BucketKey(string bucket) => Kind == PartitionKind.Client
        ? $"ep:{{{Id}}}:{bucket}"
        : $"ep:{{ip:{Id}}}:{bucket}";
}
