using Microsoft.Extensions.Configuration;

namespace EventPipeline.AppHost;

internal static class DashboardOpenMode
{
    /// <summary>
    /// The dashboard without sign-in is for a developer's own machine: only when the AppHost is told
    /// both <c>Dashboard:OpenInDevelopment</c> and <c>Dashboard:ConfirmOpenWithoutSignIn</c> does it
    /// get those switches and the admin secret it then acts with; otherwise it never holds the secret.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOpenModeIfAsked(
        this IResourceBuilder<ProjectResource> dashboard, IConfiguration configuration, IResourceBuilder<ParameterResource> adminSecret)
    {
        if (!configuration.GetValue<bool>("Dashboard:OpenInDevelopment") || !configuration.GetValue<bool>("Dashboard:ConfirmOpenWithoutSignIn"))
        {
            return dashboard;
        }
        return dashboard.WithEnvironment("Dashboard__OpenInDevelopment", "true")
            .WithEnvironment("Dashboard__ConfirmOpenWithoutSignIn", "true")
            .WithEnvironment("Dashboard__AdminClientSecret", adminSecret);
    }
}
