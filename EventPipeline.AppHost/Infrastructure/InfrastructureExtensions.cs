using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventPipeline.AppHost.Infrastructure;

/// <summary>Redis and the events database, as the services see them whatever the mode.</summary>
public sealed record EventPipelineInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResourceWithConnectionString> EventsDb);

public static partial class InfrastructureExtensions
{
    public const string RedisName = "redis";
    public const string PostgresName = "postgres";
    public const string EventsDbName = "eventsdb";

    public static EventPipelineInfrastructure AddInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var options = InfrastructureOptions.From(builder.Configuration, builder.AppHostDirectory);
        var (mode, reason) = ResolveMode(options);

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EventPipeline.AppHost.Infrastructure");
            LogModeChosen(logger, mode, reason);
            return Task.CompletedTask;
        });

        return mode switch
        {
            InfrastructureMode.Container => builder.AddContainerInfrastructure(),
            InfrastructureMode.Local => builder.AddLocalInfrastructure(options.StateDirectory),
            InfrastructureMode.External => builder.AddExternalInfrastructure(),
            _ => throw new InvalidOperationException($"Unresolved infrastructure mode {mode}."),
        };
    }

    private static (InfrastructureMode Mode, string Reason) ResolveMode(InfrastructureOptions options)
    {
        switch (options.Mode)
        {
            case InfrastructureMode.Auto:
                var status = ContainerRuntimeProbe.Check(options.ContainerRuntime);
                return status.IsAvailable
                    ? (InfrastructureMode.Container, $"auto: container runtime answered ({status.Description})")
                    : (InfrastructureMode.Local, $"auto: no container runtime ({status.Description})");
            case InfrastructureMode.Container:
                var runtime = ContainerRuntimeProbe.Check(options.ContainerRuntime);
                if (!runtime.IsAvailable)
                {
                    // Fail at once: without a runtime the orchestrator would wait for containers forever.
                    throw new DistributedApplicationException(
                        $"Infrastructure:Mode is 'container' but no container runtime answered: {runtime.Description}. " +
                        "Start Docker or Podman (ASPIRE_CONTAINER_RUNTIME=podman), or run with Infrastructure:Mode=local " +
                        "(redis-server and PostgreSQL as local processes) or Infrastructure:Mode=external.");
                }
                return (InfrastructureMode.Container, $"configured ({runtime.Description})");
            default:
                return (options.Mode, "configured");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Infrastructure mode: {Mode} ({Reason})")]
    private static partial void LogModeChosen(ILogger logger, InfrastructureMode mode, string reason);
}
