using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Telemetry;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.LiveConfig;

/// <summary>
/// Keeps this replica on the newest config version: a Redis message after each commit brings it at
/// once, and polling the latest version every second covers messages lost while Redis was away.
/// </summary>
internal sealed class LimiterConfigSync(
    LimiterConfigStore store,
    LiveLimiterConfig live,
    IConnectionMultiplexer redis,
    IOptions<LimiterOptions> options,
    ILogger<LimiterConfigSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);

    /// <summary>Tells every replica (this one included) that a new version is stored.</summary>
    public static async Task AnnounceAsync(IConnectionMultiplexer redis, string channel, long version)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(channel), version);
        }
        catch (Exception)
        {
            // Polling picks the version up within a second anyway: no failure to publish is the caller's.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var channel = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(options.Value.ConfigChannel));
            channel.OnMessage(_ => RefreshAsync(stoppingToken));
        }
        // Whatever the failure (RedisTimeoutException is no RedisException): an exception escaping
        // ExecuteAsync stops the host, and polling alone keeps the replica on the newest version.
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LimiterLog.ConfigRefreshFailed(logger, ex.Message);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.ConfigPollMilliseconds));
        do
        {
            await RefreshAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        await _refreshing.WaitAsync(ct);
        try
        {
            if (await store.LatestAsync(ct) is { } latest && live.TryApply(latest))
            {
                LimiterLog.ConfigApplied(logger, latest.Version);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        // Any failure, not a list of expected ones: this also runs from the poll loop, where an
        // escaping exception would stop the host. Keep enforcing the version held; the next tick tries again.
        catch (Exception ex)
        {
            LimiterLog.ConfigRefreshFailed(logger, ex.Message);
        }
        finally
        {
            _refreshing.Release();
        }
    }
}
