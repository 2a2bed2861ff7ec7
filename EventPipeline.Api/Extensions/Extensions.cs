namespace EventPipeline.Api.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();

        // The Aspire client integrations bring pooling, health checks, metrics and traces.
        builder.AddRedisClient(connectionName: "redis");
        builder.AddNpgsqlDataSource(connectionName: "eventsdb");
    }
}
