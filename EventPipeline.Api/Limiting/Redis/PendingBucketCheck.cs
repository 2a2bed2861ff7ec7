using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Redis;

/// <summary>
/// One decision waiting for a batch: its buckets, its cost and where the answer goes. It is either
/// still in this replica's queue, sent to Redis, or withdrawn by a caller that stopped waiting; a
/// withdrawn check is never sent, so a caller that gave up early knows Redis charged nothing.
/// </summary>
public sealed class PendingBucketCheck(RedisKey[] keys, BucketLimit[] limits, long cost)
    : TaskCompletionSource<BucketCheck>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    private const int Queued = 0;
    private const int Sent = 1;
    private const int Withdrawn = 2;
    private int _state = Queued;

    public RedisKey[] Keys { get; } = keys;

    public BucketLimit[] Limits { get; } = limits;

    public long Cost { get; } = cost;

    /// <summary>True once the check has left this replica: Redis may have applied it.</summary>
    public bool WasSent => Volatile.Read(ref _state) == Sent;

    /// <summary>Takes the check for a batch; false when its caller has withdrawn it.</summary>
    internal bool TryMarkSent() => Interlocked.CompareExchange(ref _state, Sent, Queued) == Queued;

    /// <summary>Withdraws a check that is still queued; false when it has already been sent.</summary>
    public bool TryWithdraw()
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Queued) != Queued)
        {
            return false;
        }
        TrySetCanceled();
        return true;
    }
}
