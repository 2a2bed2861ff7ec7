using EventPipeline.LocalServers;
using EventPipeline.LocalServers.Postgres;
using EventPipeline.LocalServers.Processes;
using EventPipeline.LocalServers.Redis;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.AppHost.Infrastructure;

// Redis and PostgreSQL as local processes for machines without a container runtime. Resource and
// connection-string names match the container mode, so the services cannot tell the difference.
// Aspire runs the processes; how to find, prepare and start each server comes from EventPipeline.LocalServers.
internal static class LocalInfrastructure
{
    public static EventPipelineInfrastructure AddLocalInfrastructure(this IDistributedApplicationBuilder builder, string stateDirectory)
    {
        var binaries = Explained(LocalBinaries.Locate,
            "Infrastructure:Mode is 'local' but {0} Install them, or use Infrastructure:Mode=container or external.");
        var state = Explained(() => LocalStateDirectory.Prepare(stateDirectory),
            "{0} Set Infrastructure:StateDirectory to a folder it can reach, for example /var/tmp/eventpipeline.");

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
            await RedisConfigFile.WriteAsync(configFile, dataDirectory, secret, ct);
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

        var connectionString = builder.CaptureConnectionString(postgres, postgres);
        var healthCheckKey = $"{postgres.Name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => connectionString.Value + ";Database=postgres", name: healthCheckKey);

        return builder.AddResource(postgres)
            .WithEndpoint(name: LocalPostgresResource.PrimaryEndpointName, scheme: "tcp", env: PostgresScript.PortVariable, isProxied: false)
            .WithArgs(PostgresScript.Path)
            .WithEnvironment(PostgresScript.BinDirectoryVariable, binaries.PostgresBinDirectory)
            .WithEnvironment(PostgresScript.DataDirectoryVariable, dataDirectory)
            .WithEnvironment(PostgresScript.PasswordVariable, password)
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey);
    }

    private static IResourceBuilder<LocalPostgresDatabaseResource> AddLocalDatabase(this IResourceBuilder<LocalPostgresResource> server, string name)
    {
        var builder = server.ApplicationBuilder;
        var database = new LocalPostgresDatabaseResource(name, name, server.Resource);

        // The script creates the database before the server takes connections; it needs the name first.
        server.WithEnvironment(PostgresScript.DatabaseVariable, database.DatabaseName);

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

    private static T Explained<T>(Func<T> prepare, string explanation)
    {
        try
        {
            return prepare();
        }
        catch (LocalServerException ex)
        {
            throw new DistributedApplicationException(string.Format(System.Globalization.CultureInfo.InvariantCulture, explanation, ex.Message), ex);
        }
    }
}
