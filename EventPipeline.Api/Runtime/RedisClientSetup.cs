using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace EventPipeline.Api.Runtime;

public static class RedisClientSetup
{
    /// <summary>
    /// The Redis client (Aspire's, with its health check and telemetry), reading on the .NET thread pool.
    /// Its traces (a profiling session on every command) only where traces are exported; its health
    /// check as readiness needs it (<see cref="RedisReadinessCheck"/>).
    /// </summary>
    public static IHostApplicationBuilder AddRedis(this IHostApplicationBuilder builder)
    {
        var exportsTraces = builder.ExportsTraces();
        builder.AddRedisClient(connectionName: "redis",
            configureSettings: settings => settings.DisableTracing = !exportsTraces,
            configureOptions: ReadOnTheThreadPool);
        builder.Services.PostConfigure<HealthCheckServiceOptions>(RedisReadinessCheck.Apply);
        return builder;
    }

    /// <summary>
    /// StackExchange.Redis reads replies on dedicated threads by default, which spin and yield while
    /// waiting; on 2 cores they competed with the requests for the CPU. Measured with the limiter harness
    /// at 10,000 decisions/s: p50 0.74 to 0.45 ms and 10 % less CPU with the thread pool.
    /// </summary>
    public static void ReadOnTheThreadPool(ConfigurationOptions options) => options.SocketManager = SocketManager.ThreadPool;
}
