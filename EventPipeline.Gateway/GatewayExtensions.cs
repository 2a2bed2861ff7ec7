using Yarp.ReverseProxy.Configuration;

namespace EventPipeline.Gateway;

/// <summary>
/// The system's public entry point: every request goes on to the API with the caller's address in
/// X-Forwarded-For (YARP's default transform, which replaces whatever the caller sent), so the API,
/// trusting this hop and no other, limits each caller by its own address.
/// </summary>
internal static class GatewayExtensions
{
    private const string ApiCluster = "api";

    public static IHostApplicationBuilder AddApiGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .BindConfiguration(GatewayOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var apiUrl = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>()?.ApiUrl ?? new GatewayOptions().ApiUrl;
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                [new RouteConfig { RouteId = "api", ClusterId = ApiCluster, Match = new RouteMatch { Path = "{**path}" } }],
                [new ClusterConfig
                {
                    ClusterId = ApiCluster,
                    Destinations = new Dictionary<string, DestinationConfig> { ["api"] = new() { Address = apiUrl.ToString() } },
                }])
            .AddServiceDiscoveryDestinationResolver();
        return builder;
    }

    public static WebApplication MapApiGateway(this WebApplication app)
    {
        app.MapReverseProxy();
        return app;
    }
}
