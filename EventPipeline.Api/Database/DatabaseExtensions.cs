namespace EventPipeline.Api.Database;

internal static class DatabaseExtensions
{
    /// <summary>The PostgreSQL data source every capability shares, and the migrations of its schema.</summary>
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        // The Aspire integration brings pooling, the health check, metrics and traces (where they are exported).
        var exportsTraces = builder.ExportsTraces();
        builder.AddNpgsqlDataSource(connectionName: "eventsdb", configureSettings: settings => settings.DisableTracing = !exportsTraces);
        builder.Services.AddSingleton<DatabaseMigrator>();
        // Hosted services start in the order they are added: added first, the migrations run before
        // every other one that reads the schema (client bootstrap, live config, partitions, the writer).
        builder.Services.AddHostedService<MigrationHostedService>();
        return builder;
    }
}
