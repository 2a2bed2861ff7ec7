using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Telemetry;
using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Api.Limiting.Redis;

/// <summary>
/// Before the replica takes requests: connects to Redis, loads the script and runs one decision,
/// so the first requests after a start do not pay for the connection and the JIT while the
/// decision's deadline runs (which used to send a fresh replica's first seconds to the local buckets).
/// A Redis that does not answer in time delays nothing: the failure modes are there for that.
/// </summary>
internal sealed class LimiterWarmup(RedisTokenBucketLimiter redis, ILogger<LimiterWarmup> logger) : IHostedService
{
    private static readonly TimeSpan s_longest = TimeSpan.FromSeconds(10);
    private static readonly LimitSubject s_subject = LimitSubject.Client("warmup");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Cost 0 on a bucket no policy names: it touches no client's tokens.
            await redis.CheckAsync(s_subject, [("warmup", BucketLimit.Of(1, 1))], 0).WaitAsync(s_longest, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LimiterLog.WarmupFailed(logger, ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
