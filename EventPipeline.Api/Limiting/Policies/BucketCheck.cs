
namespace EventPipeline.Api.Limiting.Policies;

/// <summary>What the script answered for one call over one or more buckets.</summary>
public sealed record BucketCheck(BucketCheckStatus Status, long Remaining, TimeSpan RetryAfter, TimeSpan Reset, int ConstrainingIndex);

public enum BucketCheckStatus
{
    Limited = 0,
    Allowed = 1,
    TooLarge = 2,
}
