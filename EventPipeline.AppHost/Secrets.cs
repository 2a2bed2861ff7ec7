namespace EventPipeline.AppHost;

/// <summary>
/// The secrets the services share, as Aspire parameters: generated on first run and kept in the
/// AppHost's user secrets, never in the repository; <c>Parameters__&lt;name&gt;</c> overrides each.
/// </summary>
internal sealed record EventPipelineSecrets(
    IResourceBuilder<ParameterResource> JwtSigningKey,
    IResourceBuilder<ParameterResource> AdminClientSecret,
    IResourceBuilder<ParameterResource> DemoClientSecret);

internal static class SecretsExtensions
{
    public static EventPipelineSecrets AddEventPipelineSecrets(this IDistributedApplicationBuilder builder) =>
        new(
            // 64 characters from a 62-letter alphabet: about 380 bits, well over HS256's 256.
            builder.AddSecret("jwt-signing-key", minLength: 64),
            builder.AddSecret("admin-client-secret", minLength: 32),
            builder.AddSecret("demo-client-secret", minLength: 32));

    public static IResourceBuilder<ProjectResource> WithSecrets(this IResourceBuilder<ProjectResource> api, EventPipelineSecrets secrets) =>
        api.WithEnvironment("Identity__SigningKey", secrets.JwtSigningKey)
            .WithEnvironment("Identity__AdminClientSecret", secrets.AdminClientSecret)
            .WithEnvironment("Identity__DemoClientSecret", secrets.DemoClientSecret)
            // The AppHost's run is the demo profile: the dashboard's load buttons drive loadgen-01..20.
            .WithEnvironment("Identity__DemoClients", "true");

    private static IResourceBuilder<ParameterResource> AddSecret(this IDistributedApplicationBuilder builder, string name, int minLength) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = minLength, Special = false }, secret: true, persist: true);
}
