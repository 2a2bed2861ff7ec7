using Microsoft.Extensions.Configuration;

namespace EventPipeline.AppHost.Infrastructure;

/// <summary>The <c>Infrastructure</c> configuration section of the AppHost.</summary>
public sealed record InfrastructureOptions(InfrastructureMode Mode, string StateDirectory, string ContainerRuntime)
{
    public const string SectionName = "Infrastructure";

    public static InfrastructureOptions From(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection(SectionName);
        var modeText = section["Mode"] ?? nameof(InfrastructureMode.Auto);
        if (!Enum.TryParse<InfrastructureMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            throw new InvalidOperationException(
                $"Infrastructure:Mode is '{modeText}'; expected one of auto, container, local, external.");
        }

        var stateDirectory = section["StateDirectory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, appHostDirectory)
            : Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".state"));

        // The same switch Aspire's orchestrator reads, so the probe asks the runtime Aspire would use.
        var runtime = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DcpPublisher:ContainerRuntime"] ?? "docker";

        return new InfrastructureOptions(mode, stateDirectory, runtime);
    }
}
