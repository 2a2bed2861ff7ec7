using System.Diagnostics;
using EventPipeline.Api.Limiting.Activity;
using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Redis;
using EventPipeline.Api.Limiting.Telemetry;
using EventPipeline.Api.Runtime;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>
/// Decides one request: resolves the policy's buckets and limits and asks Redis (in a batch with
/// whatever else waits). The policy's failure mode answers only when Redis cannot: the circuit is
/// open, the client has no connection, or the call missed its deadline. Never throws for Redis.
/// </summary>
public sealed class DistributedLimiter(
    LimitPolicyCatalog policies,
    ILimitResolver resolver,
    RedisTokenBucketLimiter redis,
    LocalTokenBuckets local,
    KnownRefusals refusals,
    CircuitBreaker breaker,
    ProcessStallMonitor stalls,
    LimiterMetrics metrics,
    ActiveClientTracker activity,
    IOptions<LimiterOptions> options,
    ILogger<DistributedLimiter> logger)
{
    public async Task<LimitDecision> AcquireAsync(string policyName, LimitSubject subject, long cost)
    {
        var policy = policies.Get(policyName);
        var buckets = Resolve(policy, subject);
        var check = refusals.Find(policy.Name, subject, buckets, cost);
        PendingBucketCheck? unanswered = null;
        if (check is not null)
        {
            metrics.RecordKnownRefusal(policy.Name);
        }
        else
        {
            var askedAt = refusals.Timestamp();
            (check, unanswered) = await TryRedisAsync(policy, subject, buckets, cost);
            if (check is not null)
            {
                refusals.Remember(policy.Name, subject, buckets, cost, check, askedAt);
            }
        }
        var decision = check is null
            ? FailureDecision(policy, subject, buckets, cost)
            : FromCheck(policy, subject, buckets, cost, check, LimitOutcome.Allowed);
        if (unanswered is not null && decision.Outcome == LimitOutcome.Local)
        {
            RefundIfRedisGrantsLate(unanswered, policy, subject, buckets, cost);
        }
        // A zero-cost check only looks at the buckets (the token endpoints' lockout): no decision to count.
        if (cost > 0)
        {
            metrics.RecordDecision(decision);
        }
        if (subject.Kind == PartitionKind.Client)
        {
            if (decision.IsAllowed)
            {
                activity.Record(subject.Id, cost);
            }
            else
            {
                activity.RecordLimited(subject.Id, cost);
            }
        }
        return decision;
    }

    // Every bucket of a policy has the subject's one effective limit. A loop, not LINQ: this runs for every request.
    private (string Bucket, BucketLimit Limit)[] Resolve(LimitPolicy policy, LimitSubject subject)
    {
        var limit = resolver.Resolve(policy, subject);
        var buckets = new (string, BucketLimit)[policy.Buckets.Count];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = (policy.Buckets[i], limit);
        }
        return buckets;
    }

    /// <summary>Redis's answer, or none; then also the call if it was sent and is still unanswered.</summary>
    private async Task<(BucketCheck? Check, PendingBucketCheck? Unanswered)> TryRedisAsync(LimitPolicy policy, LimitSubject subject, (string Bucket, BucketLimit Limit)[] buckets, long cost)
    {
        if (!breaker.TryEnter())
        {
            return (null, null);
        }
        // The client knows when its connection is down: no point queueing behind a reconnect.
        if (!redis.IsConnected(subject, buckets[0].Bucket))
        {
            Failed(policy, "disconnected", "no connection to Redis");
            return (null, null);
        }
        var started = Stopwatch.GetTimestamp();
        var call = redis.Submit(subject, buckets, cost);
        try
        {
            if (await WaitForAnswerAsync(call, started) is { } check)
            {
                metrics.RecordRedisDuration(Stopwatch.GetElapsedTime(started), succeeded: true);
                breaker.RecordSuccess();
                return (check, null);
            }
            metrics.RecordRedisDuration(Stopwatch.GetElapsedTime(started), succeeded: false);
            if (call.TryWithdraw())
            {
                Failed(policy, "timeout_queued", "the decision waited its whole deadline for a batch");
                return (null, null);
            }
            Failed(policy, "timeout_sent", "Redis did not answer within the deadline");
            // Redis may still apply it: the failure decision must account for that (see AcquireAsync).
            ObserveLate(call);
            return (null, call);
        }
        // Anything Redis (or a surprise in its answer) throws becomes the policy's failure mode: never a 500.
        // That includes a TaskCanceledException: the client cancels the commands of a connection that
        // dies under them, and nothing of ours can cancel this wait.
        catch (Exception ex)
        {
            metrics.RecordRedisDuration(Stopwatch.GetElapsedTime(started), succeeded: false);
            Failed(policy, ex switch
            {
                RedisTimeoutException => "client_timeout",
                RedisConnectionException => "connection",
                _ => "error",
            }, ex.Message);
            return (null, null);
        }
    }

    /// <summary>
    /// The answer within one deadline, or within another for as long as this process stalled during
    /// the last one (up to <see cref="LimiterOptions.RedisStalledWaitMilliseconds"/> in all): slowness
    /// of our own is no reason to answer without Redis, whose answer is most likely on its way. Null
    /// when the deadline passed while this process was well.
    /// </summary>
    private async Task<BucketCheck?> WaitForAnswerAsync(PendingBucketCheck call, long started)
    {
        var deadline = TimeSpan.FromMilliseconds(options.Value.RedisTimeoutMilliseconds);
        var longest = TimeSpan.FromMilliseconds(Math.Max(options.Value.RedisTimeoutMilliseconds, options.Value.RedisStalledWaitMilliseconds));
        var waitStarted = started;
        while (true)
        {
            try
            {
                return await call.Task.WaitAsync(deadline);
            }
            // WaitAsync's own timeout, not the client's RedisTimeoutException (which derives from it).
            catch (TimeoutException ex) when (ex.GetType() == typeof(TimeoutException))
            {
                if (!stalls.StalledSince(waitStarted) || Stopwatch.GetElapsedTime(started) + deadline > longest)
                {
                    return null;
                }
                metrics.RecordStalledWait();
                waitStarted = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Failed(LimitPolicy policy, string reason, string detail)
    {
        metrics.RecordRedisFailure(reason, policy.Name);
        LimiterLog.RedisFailed(logger, policy.Name, policy.FailureMode, reason, detail);
        if (breaker.RecordFailure())
        {
            LimiterLog.CircuitOpened(logger);
        }
    }

    // A call given up on may still fail later; observing it keeps that out of UnobservedTaskException.
    private static void ObserveLate(PendingBucketCheck call) =>
        _ = call.Task.ContinueWith(static t => t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>
    /// A local admission whose Redis call is still in flight: if Redis grants it after all, the request
    /// is paid for there, and the local bucket gets its tokens back, so nothing is charged twice.
    /// </summary>
    private void RefundIfRedisGrantsLate(PendingBucketCheck call, LimitPolicy policy, LimitSubject subject, (string, BucketLimit)[] buckets, long cost) =>
        _ = call.Task.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully && t.Result.Status == BucketCheckStatus.Allowed)
            {
                local.Refund(subject, buckets, cost);
                metrics.RecordLateRefund(policy.Name);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private LimitDecision FailureDecision(LimitPolicy policy, LimitSubject subject, (string, BucketLimit)[] buckets, long cost) =>
        policy.FailureMode switch
        {
            FailureMode.Open => new(policy.Name, LimitOutcome.FailedOpen, null, 0, TimeSpan.Zero, TimeSpan.Zero),
            FailureMode.Closed => new(policy.Name, LimitOutcome.FailedClosed, null, 0,
                TimeSpan.FromSeconds(options.Value.FailedClosedRetryAfterSeconds), TimeSpan.Zero),
            _ => FromCheck(policy, subject, [.. buckets.Select(b => (b.Item1, local.Share(b.Item2)))],
                cost, local.Check(subject, buckets, cost), LimitOutcome.Local),
        };

    private LimitDecision FromCheck(LimitPolicy policy, LimitSubject subject, (string, BucketLimit Limit)[] buckets, long cost, BucketCheck check, LimitOutcome allowedAs)
    {
        var limit = buckets[check.ConstrainingIndex].Limit;
        var outcome = check.Status switch
        {
            BucketCheckStatus.Allowed => allowedAs,
            _ when policy.Mode == PolicyMode.Shadow => LimitOutcome.ShadowLimited,
            BucketCheckStatus.TooLarge => LimitOutcome.TooLarge,
            _ => allowedAs == LimitOutcome.Local ? LimitOutcome.LocalLimited : LimitOutcome.Limited,
        };
        if (outcome == LimitOutcome.ShadowLimited)
        {
            LimiterLog.ShadowLimited(logger, policy.Name, subject.Id, cost, check.RetryAfter.TotalMilliseconds);
        }
        return new(policy.Name, outcome, limit, check.Remaining, check.RetryAfter, check.Reset);
    }
}
