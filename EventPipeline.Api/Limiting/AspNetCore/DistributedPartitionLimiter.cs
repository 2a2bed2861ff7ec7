using System.Diagnostics;
using System.Threading.RateLimiting;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// The <see cref="RateLimiter"/> of one policy and one client (or IP) that <c>UseRateLimiter</c> calls.
/// It holds no tokens itself: every acquire is one Redis decision, permitCount being the cost.
/// The synchronous attempt always fails without I/O, which makes the middleware await the async path.
/// </summary>
internal sealed class DistributedPartitionLimiter(DistributedLimiter limiter, IHttpContextAccessor accessor, string policy, LimitSubject subject)
    : RateLimiter
{
    private long _lastUsed = Stopwatch.GetTimestamp();

    // Lets PartitionedRateLimiter drop partitions of clients that went quiet.
    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Volatile.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => DecisionLease.NotAttempted;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastUsed, Stopwatch.GetTimestamp());
        var decision = await limiter.AcquireAsync(policy, subject, permitCount);
        // The middleware hands the lease only to OnRejected; an admitted response gets its headers here.
        if (accessor.HttpContext is { } context)
        {
            context.Features.Set(decision);
            RateLimitHeaders.Write(context.Response, decision);
        }
        return new DecisionLease(decision);
    }
}
