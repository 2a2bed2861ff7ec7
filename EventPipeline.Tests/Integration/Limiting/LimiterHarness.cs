using EventPipeline.Api.Limiting;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Redis;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>
/// The limiter's decision path as the API registers it, on its own Redis connection, so several
/// harnesses act as separate API replicas sharing one Redis.
/// </summary>
internal sealed class LimiterHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private LimiterHarness(ServiceProvider provider, ConnectionMultiplexer redis)
    {
        _provider = provider;
        Redis = redis;
    }

    public ConnectionMultiplexer Redis { get; }

    public DistributedLimiter Limiter => Get<DistributedLimiter>();

    public RedisTokenBucketLimiter Buckets => Get<RedisTokenBucketLimiter>();

    public IServiceProvider Services => _provider;

    public static async Task<LimiterHarness> StartAsync(string redisConnection, TimeProvider? clock, Action<LimiterOptions>? configure = null)
    {
        var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",connectTimeout=1000");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConnectionMultiplexer>(redis);
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddOptions<LimiterOptions>().Configure(options =>
        {
            options.UseAppTime = clock is not null;
            options.RedisTimeoutMilliseconds = 1000;
            configure?.Invoke(options);
        });
        services.AddLimiterCore();
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<LimiterOptions>>().Value;
        return new LimiterHarness(provider, redis);
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>
    /// Connects and loads the script outside the limiter's deadline: on a loaded machine a first
    /// call can outlast it and fail over, which a test counting exact tokens would read as a wrong count.
    /// </summary>
    public async Task<LimiterHarness> WarmUpAsync()
    {
        await Buckets.CheckAsync(LimitSubject.Client($"warm-up-{Guid.NewGuid():N}"), [("ingest", BucketLimit.Of(1, 1))], 1);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
