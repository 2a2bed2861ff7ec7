using EventPipeline.LocalServers.Postgres;
using EventPipeline.LocalServers.Redis;

namespace EventPipeline.Tests.Infrastructure;

// The local-servers library's servers as xUnit fixtures: started before the first test of a class,
// stopped after its last. Nothing here starts a process itself.

/// <summary>A real redis-server on a free loopback port; no persistence.</summary>
public sealed class LocalRedisServer : RedisServer, IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>A real PostgreSQL in a temporary folder on a free loopback port, with the <c>eventsdb</c> database.</summary>
public sealed class LocalPostgresServer() : PostgresServer(password: "integration-tests"), IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

/// <summary>A real three-master Redis Cluster on loopback.</summary>
public sealed class LocalRedisCluster : RedisCluster, IAsyncLifetime
{
    public Task InitializeAsync() => StartAsync();

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
