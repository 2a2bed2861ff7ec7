using System.Net.Http.Json;

namespace EventPipeline.AppHost;

// Buttons in the Aspire dashboard that drive the load generator's control API; it sends nothing
// until one of them is pressed.
internal static class LoadGenCommands
{
    private static readonly object Steady = new { profile = "steady", rps = 200, duration = 60, clients = 5 };
    private static readonly object Burst = new { profile = "burst", @base = 50, peak = 600, burstSeconds = 2, every = 10, duration = 60, clients = 5 };
    private static readonly object Wave = new { profile = "wave", min = 50, max = 500, period = 20, duration = 60, clients = 5 };

    public static IResourceBuilder<ProjectResource> WithLoadGenCommands(
        this IResourceBuilder<ProjectResource> loadGen, IResourceBuilder<ProjectResource> api, IResourceBuilder<ParameterResource> adminSecret)
    {
        var apiEndpoint = api.GetEndpoint("http");
        return loadGen.WithStartCommand("start-steady", "Start steady", Steady, apiEndpoint, adminSecret)
            .WithStartCommand("start-burst", "Start burst", Burst, apiEndpoint, adminSecret)
            .WithStartCommand("start-wave", "Start wave", Wave, apiEndpoint, adminSecret)
            .WithHttpCommand("/runs/current", "Stop", commandName: "stop-run", commandOptions: new HttpCommandOptions
            {
                Method = HttpMethod.Delete,
                Description = "Stop the current load generator run.",
                IconName = "Stop",
                PrepareRequest = context => OperatorToken.AuthorizeAsync(context, apiEndpoint, adminSecret.Resource),
            });
    }

    private static IResourceBuilder<ProjectResource> WithStartCommand(this IResourceBuilder<ProjectResource> loadGen,
        string name, string displayName, object run, EndpointReference api, IResourceBuilder<ParameterResource> adminSecret) =>
        loadGen.WithHttpCommand("/runs", displayName, commandName: name, commandOptions: new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            Description = $"POST /runs {System.Text.Json.JsonSerializer.Serialize(run)}",
            IconName = "Play",
            PrepareRequest = async context =>
            {
                context.Request.Content = JsonContent.Create(run);
                await OperatorToken.AuthorizeAsync(context, api, adminSecret.Resource);
            },
        });
}
