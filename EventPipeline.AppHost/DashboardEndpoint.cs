using Microsoft.Extensions.Configuration;

namespace EventPipeline.AppHost;

internal static class DashboardEndpoint
{
    /// <summary>
    /// The dashboard's port (<c>Dashboard:Port</c>, 8081) is its own, not behind the orchestrator's
    /// proxy: that TCP relay would show every browser as 127.0.0.1. The dashboard passes the
    /// operator's own address on to the API's token endpoint when they sign in (X-Forwarded-For,
    /// which the API believes from loopback), so the failed-sign-in limits keep one operator's
    /// guesses from locking out another.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOperatorsOwnAddress(this IResourceBuilder<ProjectResource> dashboard, IConfiguration configuration)
    {
        var port = configuration.GetValue("Dashboard:Port", 8081);
        return dashboard.WithEndpoint("http", endpoint =>
        {
            endpoint.IsProxied = false;
            endpoint.Port = port;
            endpoint.TargetPort = port;
        });
    }
}
