using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Readiness (<c>/health</c>: every check, Redis and PostgreSQL included) answered from a report at
/// most a couple of seconds old, and callers arriving together share one run: anonymous callers
/// cannot turn the endpoint into queries against the stores. Liveness (<c>/alive</c>) runs nothing external.
/// </summary>
public sealed class CachedReadiness(HealthCheckService health)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private Task<HealthReport>? _current;
    private long _startedAt;

    public Task<HealthReport> ReportAsync()
    {
        lock (_gate)
        {
            // The real monotonic clock, not an injected one: a test's frozen clock must not freeze health.
            if (_current is null || (_current.IsCompleted && System.Diagnostics.Stopwatch.GetElapsedTime(_startedAt) >= MaxAge))
            {
                _startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                _current = health.CheckHealthAsync(CancellationToken.None);
            }
            return _current;
        }
    }

    internal static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string path) =>
        endpoints.MapGet(path, async (CachedReadiness readiness, HttpContext context) =>
        {
            var report = await readiness.ReportAsync();
            context.Response.StatusCode = report.Status == HealthStatus.Unhealthy
                ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status200OK;
            context.Response.Headers.CacheControl = "no-store, no-cache";
            await context.Response.WriteAsync(report.Status.ToString());
        });

    internal static void Register(IServiceCollection services)
    {
        services.AddSingleton<CachedReadiness>();
    }
}
