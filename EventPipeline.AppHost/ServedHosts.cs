using EventPipeline.AppHost.Infrastructure;

namespace EventPipeline.AppHost;

internal static class ServedHosts
{
    private static readonly string[] s_loopback = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// The host filter (<c>AllowedHosts</c>) of a service: the names the AppHost reaches it under, so a
    /// browser lured onto another name that resolves here (DNS rebinding) is answered 400. Containers
    /// (container mode's Prometheus) call it by <c>host.docker.internal</c> or by its resource name.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServedHosts(this IResourceBuilder<ProjectResource> service, InfrastructureMode mode) =>
        service.WithEnvironment("AllowedHosts", string.Join(';', Names(service.Resource.Name, mode)));

    internal static IEnumerable<string> Names(string resourceName, InfrastructureMode mode) =>
        mode is InfrastructureMode.Container ? [.. s_loopback, resourceName, "host.docker.internal"] : s_loopback;
}
