using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace EventPipeline.Api.Runtime;

/// <summary>
/// Redis's part of readiness (<c>/health</c>, what a balancer routes by). A replica without Redis still
/// serves: the limiter answers by each policy's failure mode. Readiness failing on Redis would take
/// every replica out of the balancer at once during a Redis outage (Redis is shared by all of them),
/// so the failure modes would never serve anyone: Redis down reads <c>Degraded</c> (200). PostgreSQL
/// down still reads <c>Unhealthy</c> (503): without it nothing can be stored.
/// And it answers at once while the client has no connection: the library's check then sends a
/// PING that waits out the client's 5 s timeout in its backlog, longer than a readiness probe waits
/// (Kubernetes: 1 s by default), so the probe would fail all the same.
/// </summary>
internal sealed class RedisReadinessCheck(IServiceProvider services, IHealthCheck libraryCheck) : IHealthCheck
{
    /// <summary>The name Aspire's Redis client gives its health check.</summary>
    public const string Name = "StackExchange.Redis";

    /// <summary>Wraps Aspire's Redis check, wherever the integration registered it.</summary>
    public static void Apply(HealthCheckServiceOptions options)
    {
        foreach (var registration in options.Registrations.Where(r => r.Name == Name))
        {
            var library = registration.Factory;
            registration.Factory = services => new RedisReadinessCheck(services, library(services));
            registration.FailureStatus = HealthStatus.Degraded;
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        services.GetRequiredService<IConnectionMultiplexer>().IsConnected
            ? libraryCheck.CheckHealthAsync(context, cancellationToken)
            : Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus,
                "No connection to Redis: the limiter answers by each policy's failure mode."));
}
