using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting;

/// <summary>
/// Decides one request: resolves the policy's buckets and limits, asks Redis within a short timeout
/// behind the circuit breaker, and otherwise applies the policy's failure mode. Never throws for Redis.
/// </summary>
public sealed class DistributedLimiter(
    LimitPolicyCatalog policies,
    ILimitResolver resolver,
    RedisTokenBucketLimiter redis,
    LocalTokenBuckets local,
    KnownRefusals refusals,
    CircuitBreaker breaker,
    LimiterMetrics metrics,
    ActiveClientTracker activity,
    IOptions<LimiterOptions> options,
    ILogger<DistributedLimiter> logger)
{
    public async Task<LimitDecision> AcquireAsync(string policyName, LimitSubject subject, long cost)
    {
        var policy = policies.Get(policyName);
        var buckets = policy.Buckets.Select(b => (b, resolver.Resolve(policy, subject))).ToArray();
        var check = refusals.Find(policy.Name, subject, buckets, cost);
        if (check is not null)
        {
            metrics.RecordKnownRefusal(policy.Name);
        }
        else
        {
            var askedAt = refusals.Timestamp();
            check = await TryRedisAsync(policy, subject, buckets, cost);
            if (check is not null)
            {
                refusals.Remember(policy.Name, subject, buckets, cost, check, askedAt);
            }
        }
        var decision = check is null
            ? FailureDecision(policy, subject, buckets, cost)
            : FromCheck(policy, subject, buckets, cost, check, LimitOutcome.Allowed);
        metrics.RecordDecision(decision);
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

    private async Task<BucketCheck?> TryRedisAsync(LimitPolicy policy, LimitSubject subject, (string, BucketLimit)[] buckets, long cost)
    {
        if (!breaker.TryEnter())
        {
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        var call = redis.CheckAsync(subject, buckets, cost);
        try
        {
            var check = await call.WaitAsync(TimeSpan.FromMilliseconds(options.Value.RedisTimeoutMilliseconds));
            metrics.RecordRedisDuration(Stopwatch.GetElapsedTime(started), succeeded: true);
            breaker.RecordSuccess();
            return check;
        }
        // Anything Redis (or a surprise in its answer) throws becomes the policy's failure mode: never a 500.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.RecordRedisDuration(Stopwatch.GetElapsedTime(started), succeeded: false);
            // A call given up on may still fail later; observing it keeps that out of UnobservedTaskException.
            _ = call.ContinueWith(static t => t.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            LimiterLog.RedisFailed(logger, policy.Name, policy.FailureMode, ex.Message);
            if (breaker.RecordFailure())
            {
                LimiterLog.CircuitOpened(logger);
            }
            return null;
        }
    }

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
