using EventPipeline.LocalServers.Postgres;
using EventPipeline.LocalServers.Redis;
using EventPipeline.Tests.Infrastructure;
using Npgsql;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.LocalServers;

/// <summary>Issue 17: the one local-servers library starts real servers on free ports and leaves nothing behind.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LocalServerLifetimeTests
{
    [Fact]
    public async Task ARedisServerAnswersOnItsFreePortAndIsGoneOnceDisposed()
    {
        var redis = new RedisServer();
        await redis.StartAsync();
        var processId = redis.ProcessId!.Value;

        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            Assert.Equal("PONG", (await connection.GetDatabase().ExecuteAsync("PING")).ToString());
        }
        await redis.DisposeAsync();

        Assert.True(ListeningPort.ProcessIsGone(processId), $"redis-server (pid {processId}) still runs after dispose.");
        Assert.False(await ListeningPort.AnswersAsync(redis.Port));
    }

    [Fact]
    public async Task APostgresServerAnswersOnItsFreePortWithItsDatabaseAndIsGoneOnceDisposed()
    {
        var postgres = new PostgresServer();
        await postgres.StartAsync();
        var processId = postgres.ProcessId!.Value;

        await using (var connection = new NpgsqlConnection(postgres.ConnectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT current_database()", connection);
            Assert.Equal("eventsdb", await query.ExecuteScalarAsync());
        }
        await postgres.DisposeAsync();

        Assert.True(ListeningPort.ProcessIsGone(processId), $"the postmaster (pid {processId}) still runs after dispose.");
        Assert.False(await ListeningPort.AnswersAsync(postgres.Port));
        Assert.False(Directory.Exists(postgres.DataDirectory), "the temporary data folder was left behind.");
    }

    [Fact]
    public async Task ARedisClusterAnswersOnItsThreePortsAndIsGoneOnceDisposed()
    {
        var cluster = new RedisCluster();
        await cluster.StartAsync();

        await using (var connection = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString))
        {
            Assert.Equal(3, connection.GetServers().Count(s => s.IsConnected && !s.IsReplica));
        }
        await cluster.DisposeAsync();

        foreach (var port in cluster.Ports)
        {
            Assert.False(await ListeningPort.AnswersAsync(port), $"a cluster node still answers on {port} after dispose.");
        }
    }

    [Fact]
    public async Task AKilledRedisServerStartsAgainOnTheSamePort()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var first = redis.ProcessId!.Value;

        redis.Kill();
        Assert.False(redis.IsRunning);
        await redis.StartAsync();

        Assert.NotEqual(first, redis.ProcessId);
        Assert.True(await ListeningPort.AnswersAsync(redis.Port));
    }
}
