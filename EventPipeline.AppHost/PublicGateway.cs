using EventPipeline.AppHost.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace EventPipeline.AppHost;

internal static class PublicGateway
{
    /// <summary>
    /// The system's public port (<c>Gateway:Port</c>, 8080). Not behind the orchestrator's proxy: that
    /// is a TCP relay, and every caller would reach the gateway, as it reached the API before, from
    /// 127.0.0.1. The gateway sees each caller's own address and passes it on as X-Forwarded-For.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddPublicGateway(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> api, InfrastructureMode mode)
    {
        var port = builder.Configuration.GetValue("Gateway:Port", 8080);
        return builder.AddProject<Projects.EventPipeline_Gateway>("gateway", launchProfileName: null)
            .WithHttpEndpoint(port: port, targetPort: port, isProxied: false)
            .WithReference(api).WaitFor(api)
            .WithHttpHealthCheck("/health")
            .WithServedHosts(mode);
    }

    /// <summary>
    /// The API believes X-Forwarded-For only from loopback: where the gateway's requests come from,
    /// through the orchestrator's proxy in front of the replicas.
    /// </summary>
    public static IResourceBuilder<ProjectResource> TrustingTheGateway(this IResourceBuilder<ProjectResource> api) =>
        api.WithEnvironment("ForwardedHeaders__KnownProxies__0", "127.0.0.1")
            .WithEnvironment("ForwardedHeaders__KnownProxies__1", "::1");
}
