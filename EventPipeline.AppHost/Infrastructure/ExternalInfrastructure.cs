namespace EventPipeline.AppHost.Infrastructure;

// For managed Redis and PostgreSQL: ConnectionStrings:redis and ConnectionStrings:eventsdb come
// from configuration (user secrets, environment variables) and the AppHost starts neither.
internal static class ExternalInfrastructure
{
    public static EventPipelineInfrastructure AddExternalInfrastructure(this IDistributedApplicationBuilder builder) =>
        new(InfrastructureMode.External,
            builder.AddConnectionString(InfrastructureExtensions.RedisName),
            builder.AddConnectionString(InfrastructureExtensions.EventsDbName));
}
