using System.Threading.Channels;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Telemetry;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Redis;

/// <summary>
/// Sends decisions to the token-bucket script in batches: whatever waits when a batch leaves goes
/// in it, one script call per Redis Cluster slot. At most <see cref="LimiterOptions.MaxBatchesInFlight"/>
/// batches are in flight; a decision arriving while the window is free leaves at once, so a quiet
/// replica adds no delay, and a busy one sends many decisions per round trip (Envoy's rate limit
/// service pipelines the same way).
/// </summary>
public sealed class RedisTokenBucketLimiter : IDisposable
{
    private readonly TokenBucketScript _script;
    private readonly IConnectionMultiplexer _redis;
    private readonly IOptions<LimiterOptions> _options;
    private readonly TimeProvider _clock;
    private readonly LimiterMetrics _metrics;
    private readonly Channel<PendingBucketCheck> _waiting = Channel.CreateUnbounded<PendingBucketCheck>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _window;
    private bool? _isCluster;

    public RedisTokenBucketLimiter(TokenBucketScript script, IConnectionMultiplexer redis, IOptions<LimiterOptions> options,
        TimeProvider clock, LimiterMetrics metrics)
    {
        (_script, _redis, _options, _clock, _metrics) = (script, redis, options, clock, metrics);
        _window = new SemaphoreSlim(options.Value.MaxBatchesInFlight, options.Value.MaxBatchesInFlight);
        _ = Task.Run(SendWhatWaitsAsync);
    }

    /// <summary>Whether the client holds a connection to the server of this subject's buckets.</summary>
    public bool IsConnected(LimitSubject subject, string bucket) => _redis.GetDatabase().IsConnected(subject.BucketKey(bucket));

    /// <summary>Queues one decision over every bucket its policy charges; the check's task is the answer.</summary>
    public PendingBucketCheck Submit(LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost)
    {
        var keys = new RedisKey[buckets.Count];
        var limits = new BucketLimit[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            keys[i] = subject.BucketKey(buckets[i].Bucket);
            limits[i] = buckets[i].Limit;
        }
        var check = new PendingBucketCheck(keys, limits, cost);
        if (!_waiting.Writer.TryWrite(check))
        {
            check.TrySetException(new ObjectDisposedException(nameof(RedisTokenBucketLimiter)));
        }
        return check;
    }

    public Task<BucketCheck> CheckAsync(LimitSubject subject, IReadOnlyList<(string Bucket, BucketLimit Limit)> buckets, long cost) =>
        Submit(subject, buckets, cost).Task;

    private async Task SendWhatWaitsAsync()
    {
        var reader = _waiting.Reader;
        var maxBatch = _options.Value.MaxBatchSize;
        var batch = new List<PendingBucketCheck>(maxBatch);
        while (await reader.WaitToReadAsync())
        {
            await _window.WaitAsync();
            while (batch.Count < maxBatch && reader.TryRead(out var check))
            {
                if (check.TryMarkSent())
                {
                    batch.Add(check);
                }
            }
            if (batch.Count == 0)
            {
                _window.Release();
                continue;
            }
            _ = SendAsync([.. batch]);
            batch.Clear();
        }
    }

    private async Task SendAsync(PendingBucketCheck[] batch)
    {
        try
        {
            _metrics.RecordBatch(batch.Length);
            if (IsCluster())
            {
                await Task.WhenAll(batch.GroupBy(check => _redis.HashSlot(check.Keys[0])).Select(slot => EvaluateAsync([.. slot])));
            }
            else
            {
                await EvaluateAsync(batch);
            }
        }
        finally
        {
            _window.Release();
        }
    }

    private async Task EvaluateAsync(PendingBucketCheck[] checks)
    {
        try
        {
            var now = _options.Value.UseAppTime ? _clock.GetUtcNow().ToUnixTimeMilliseconds() : BucketCheckBatch.UseRedisTime;
            var (keys, args) = BucketCheckBatch.Encode(checks, now);
            var answer = BucketCheckBatch.Answer(await _script.EvaluateAsync(keys, args), checks.Length);
            for (var i = 0; i < checks.Length; i++)
            {
                checks[i].TrySetResult(BucketCheckBatch.Decode(answer, i));
            }
        }
        // Every decision of the call learns the failure; the limiter turns it into its failure mode.
        catch (Exception ex)
        {
            foreach (var check in checks)
            {
                check.TrySetException(ex);
            }
        }
    }

    // Keys of different slots cannot share a script call on Redis Cluster; on a single server they can.
    private bool IsCluster()
    {
        if (_isCluster is { } known)
        {
            return known;
        }
        if (!_redis.IsConnected)
        {
            return false;
        }
        _isCluster = _redis.GetServers().Any(server => server.ServerType == ServerType.Cluster);
        return _isCluster.Value;
    }

    /// <summary>Stops taking decisions; batches in flight still complete.</summary>
    public void Dispose() => _waiting.Writer.TryComplete();
}
