using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.AppHost.Infrastructure;

// Redis and PostgreSQL as local processes for machines without a container runtime. Resource and
// connection-string names match the container mode, so the services cannot tell the difference.
internal static class LocalInfrastructure
{
    public static EventPipelineInfrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder, string stateDirectory)
    {
        var binaries = LocalBinaries.Locate();
        var state = LocalStateDirectory.Prepare(stateDirectory);

        var redis = builder.AddLocalRedis(binaries, state.Redis);
        var eventsDb = builder.AddLocalPostgres(binaries, state.Postgres)
            .AddLocalDatabase(InfrastructureExtensions.EventsDbName);

        return new(InfrastructureMode.Local, redis.AsConnectionString(), eventsDb.AsConnectionString());
    }

    private static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, LocalBinaries binaries, string dataDirectory)
    {
        var password = builder.AddGeneratedSecret($"{InfrastructureExtensions.RedisName}-password");
        var redis = new LocalRedisResource(InfrastructureExtensions.RedisName, binaries.RedisServer, dataDirectory, password.Resource);
        var configFile = Path.Combine(dataDirectory, "redis.conf");

        // The password goes into a file only the AppHost's user can read, not onto the command line.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(redis, async (_, ct) =>
        {
            var secret = await redis.PasswordParameter.GetValueAsync(ct) ?? throw new InvalidOperationException("No Redis password.");
            await WriteRedisConfigAsync(configFile, dataDirectory, secret, ct);
        });

        var connectionString = builder.CaptureConnectionString(redis, redis);
        var healthCheckKey = $"{redis.Name}_check";
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString.Value, name: healthCheckKey);

        return builder.AddResource(redis)
            // Unproxied: the services reach redis-server itself, not a forwarding port of the orchestrator,
            // which halved the throughput and doubled the latency of every limiter call.
            .WithEndpoint(name: LocalRedisResource.PrimaryEndpointName, scheme: "tcp", env: "REDIS_PORT", isProxied: false)
            .WithArgs(context =>
            {
                context.Args.Add(configFile);
                context.Args.Add("--port");
                context.Args.Add(redis.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheckKey);
    }

    private static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, LocalBinaries binaries, string dataDirectory)
    {
        var password = builder.AddGeneratedSecret($"{InfrastructureExtensions.PostgresName}-password");
        var postgres = new LocalPostgresResource(InfrastructureExtensions.PostgresName, Path.GetDirectoryName(dataDirectory)!, password.Resource);
        var script = Path.Combine(builder.AppHostDirectory, "Infrastructure", "local-postgres.sh");

        var connectionString = builder.CaptureConnectionString(postgres, postgres);
        var healthCheckKey = $"{postgres.Name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString.Value + ";Database=postgres", name: healthCheckKey);

        return builder.AddResource(postgres)
            .WithEndpoint(name: LocalPostgresResource.PrimaryEndpointName, scheme: "tcp", env: "PG_PORT", isProxied: false)
            .WithArgs(script)
            .WithEnvironment("PG_BIN_DIR", binaries.PostgresBinDirectory)
            .WithEnvironment("PG_DATA_DIR", dataDirectory)
            .WithEnvironment("PG_PASSWORD", password)
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey);
    }

    private static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(this IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);

        // The script creates the database before the server takes connections; it needs the name first.
        server.WithEnvironment("PG_DATABASE", database.DatabaseName);

        // Aspire's orchestrator only runs processes; a database inside one gets its state from us:
        // running once the server answers, then healthy once the database itself takes connections.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server.Resource, (@event, _) =>
            @event.Services.GetRequiredService<ResourceNotificationService>().PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = KnownResourceStates.Running,
                StartTimeStamp = DateTime.UtcNow,
            }));

        var connectionString = builder.CaptureConnectionString(database, server.Resource);
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString.Value, name: healthCheckKey);

        return builder.AddResource(database)
            .WithParentRelationship(server)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("postgres.database", database.DatabaseName)],
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey);
    }

    private static IResourceBuilder<ParameterResource> AddGeneratedSecret(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddParameter(name, new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true);

    internal static async Task WriteRedisConfigAsync(string path, string dataDirectory, string password, CancellationToken ct)
    {
        var config = new StringBuilder()
            .AppendLine("bind 127.0.0.1")
            .AppendLine("protected-mode yes")
            .AppendLine($"dir {dataDirectory}")
            .AppendLine("appendonly yes")
            .AppendLine("appendfsync everysec")
            .AppendLine($"requirepass {password}")
            .ToString();

        // Created owner-only, never widened afterwards: a file made with the default mode would hold
        // the password world-readable until its mode was changed.
        File.Delete(path);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        await using var file = new StreamWriter(path, options);
        await file.WriteAsync(config.AsMemory(), ct);
    }
}
