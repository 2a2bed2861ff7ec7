namespace EventPipeline.Api.Storage;

internal static class StorageExtensions
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        // The Aspire integration brings pooling, the health check, metrics and traces.
        builder.AddNpgsqlDataSource(connectionName: "eventsdb");
        builder.Services.AddSingleton<DatabaseMigrator>();
        builder.Services.AddHostedService<MigrationHostedService>();
        return builder;
    }
}
