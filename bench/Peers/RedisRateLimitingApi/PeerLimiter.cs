using RedisRateLimiting;
using RedisRateLimiting.AspNetCore;

namespace EventPipeline.Bench.Peers;

/// <summary>
/// RedisRateLimiting 1.2.1's token bucket per client, as its README wires it. What it does per call:
/// one script (EVALSHA through StackExchange.Redis's LuaScript) over two string keys, the app's
/// clock, refill in whole periods, one policy; headers (X-RateLimit-*, Retry-After) on 429 only.
/// </summary>
internal static class PeerLimiter
{
    public static WebApplicationBuilder AddPeerLimiter(this WebApplicationBuilder builder)
    {
        var redis = BenchLimit.Connect(builder.Configuration);
        var capacity = BenchLimit.Capacity(builder.Configuration);
        var refill = BenchLimit.Refill(builder.Configuration);
        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(BenchLimit.Policy, context => RedisRateLimitPartition.GetTokenBucketRateLimiter(
                context.User.FindFirst("sub")!.Value,
                _ => new RedisTokenBucketRateLimiterOptions
                {
                    ConnectionMultiplexerFactory = () => redis,
                    TokenLimit = capacity,
                    TokensPerPeriod = refill,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                }));
            options.OnRejected = (context, cancellationToken) => RateLimitMetadata.OnRejected(context.HttpContext, context.Lease, cancellationToken);
        });
        return builder;
    }
}
