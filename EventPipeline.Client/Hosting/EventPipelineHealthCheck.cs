using EventPipeline.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>Healthy when the API answers its ping.</summary>
internal sealed class EventPipelineHealthCheck(Func<EventPipelineClient> client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client().PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The EventPipeline API did not answer its ping with 2xx.");
        }
        catch (HttpRequestException e)
        {
            return HealthCheckResult.Unhealthy("The EventPipeline API is unreachable.", e);
        }
        catch (EventPipelineProblemException e)
        {
            return HealthCheckResult.Unhealthy("The EventPipeline API refused this client's credentials.", e);
        }
    }
}
