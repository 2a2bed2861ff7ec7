namespace EventPipeline.AppHost.Infrastructure;

internal static class ContainerInfrastructure
{
    public static EventPipelineInfrastructure AddContainerInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var redis = builder.AddRedis(InfrastructureExtensions.RedisName)
            .WithDataVolume();

        var eventsDb = builder.AddPostgres(InfrastructureExtensions.PostgresName)
            .WithDataVolume()
            .AddDatabase(InfrastructureExtensions.EventsDbName);

        return new(InfrastructureMode.Container, redis.AsConnectionString(), eventsDb.AsConnectionString());
    }

    public static IResourceBuilder<IResourceWithConnectionString> AsConnectionString<T>(this IResourceBuilder<T> builder)
        where T : IResourceWithConnectionString =>
        builder.ApplicationBuilder.CreateResourceBuilder<IResourceWithConnectionString>(builder.Resource);
}
