using EventPipeline.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

public static class EventPipelineClientHostingExtensions
{
    /// <summary>
    /// The Aspire client integration: the API referenced as <paramref name="connectionName"/> in the
    /// AppHost (<c>.WithReference(api)</c>), found through service discovery; credentials from
    /// <c>EventPipeline:Client</c>; a health check that pings the API; traces and metrics named
    /// <see cref="EventPipelineTelemetry.Name"/>.
    /// </summary>
    public static IHttpClientBuilder AddEventPipelineClient(this IHostApplicationBuilder builder, string connectionName,
        Action<EventPipelineClientOptions>? configure = null)
    {
        builder.Services.AddOptions<EventPipelineClientOptions>()
            .BindConfiguration(EventPipelineClientOptions.SectionName)
            .PostConfigure(o => o.BaseAddress ??= new Uri($"https+http://{connectionName}"));
        builder.Services.AddServiceDiscovery();
        var api = builder.Services.AddEventPipelineClient(configure).AddServiceDiscovery();
        builder.Services.AddHttpClient(EventPipeline.Client.Http.ClientCredentialsTokenSource.HttpClientName).AddServiceDiscovery();

        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"eventpipeline-{connectionName}",
            sp => new EventPipelineHealthCheck(sp.GetRequiredService<EventPipelineClient>), HealthStatus.Unhealthy, ["ready"]));
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(EventPipelineTelemetry.Name))
            .WithMetrics(metrics => metrics.AddMeter(EventPipelineTelemetry.Name));
        return api;
    }
}
