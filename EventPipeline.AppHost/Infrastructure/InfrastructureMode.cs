namespace EventPipeline.AppHost.Infrastructure;

/// <summary>Where Redis and PostgreSQL come from; chosen by the <c>Infrastructure:Mode</c> setting.</summary>
public enum InfrastructureMode
{
    /// <summary>Containers when a container runtime answers, otherwise local processes.</summary>
    Auto,
    Container,
    Local,
    External,
}
