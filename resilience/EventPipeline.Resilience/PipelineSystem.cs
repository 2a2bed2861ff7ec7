using System.Globalization;
using System.Security.Cryptography;
using EventPipeline.LocalServers.Postgres;
using EventPipeline.LocalServers.Redis;
using EventPipeline.Resilience.Processes;
using EventPipeline.Resilience.Proxy;
using Npgsql;
using StackExchange.Redis;

namespace EventPipeline.Resilience;

/// <summary>
/// The real system on free ports: redis-server behind a fault proxy, PostgreSQL, and API replicas
/// as separate processes behind a second proxy that balances connections between them.
/// </summary>
public sealed class PipelineSystem : IAsyncDisposable
{
    private ConnectionMultiplexer? _redisDirect;

    private PipelineSystem(HarnessSettings settings)
    {
        Settings = settings;
        Redis = new RedisServer(settings.WorkDirectory);
        Postgres = new PostgresServer(settings.WorkDirectory, password: "resilience-harness");
        RedisLink = new TcpFaultProxy(Redis.Port);
    }

    public HarnessSettings Settings { get; }

    public RedisServer Redis { get; }

    /// <summary>A connection straight to the server, around any proxy: for the harness's own commands.</summary>
    public IDatabase RedisDirect => RedisDirectConnection.GetDatabase();

    public IServer RedisDirectServer => RedisDirectConnection.GetServer("127.0.0.1", Redis.Port);

    private ConnectionMultiplexer RedisDirectConnection =>
        _redisDirect ?? throw new InvalidOperationException("Redis was never started.");

    /// <summary>The only way the replicas reach Redis, so latency and drops can be put on it.</summary>
    public TcpFaultProxy RedisLink { get; }

    public PostgresServer Postgres { get; }

    public IReadOnlyList<ApiReplica> Replicas { get; private set; } = [];

    public TcpFaultProxy Front { get; private set; } = null!;

    public Uri Url => new($"http://127.0.0.1:{Front.Port}");

    public string DemoSecret { get; } = Secret();

    public string AdminSecret { get; } = Secret();

    // Every replica signs and checks tokens with the same key, as behind one load balancer.
    private string SigningKey { get; } = Secret();

    public static async Task<PipelineSystem> StartAsync(HarnessSettings settings)
    {
        var system = new PipelineSystem(settings);
        try
        {
            await system.Redis.StartAsync();
            system._redisDirect = await ConnectionMultiplexer.ConnectAsync(
                $"127.0.0.1:{system.Redis.Port},abortConnect=false,allowAdmin=true,connectTimeout=1000,syncTimeout=2000");
            system.RedisLink.Start();
            await system.Postgres.StartAsync();
            system.Replicas = [.. Enumerable.Range(1, settings.Replicas).Select(i => new ApiReplica(
                $"api-{i}", RepositoryPaths.ApiDll(settings.Configuration), settings.WorkDirectory, system.ApiSettings()))];
            await Task.WhenAll(system.Replicas.Select(r => r.StartAsync()));
            system.Front = new TcpFaultProxy([.. system.Replicas.Select(r => r.EndPoint)]).Start();
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Undoes whatever the last scenario did and gives the next a clean slate: every part running,
    /// no stored events, every bucket full.
    /// </summary>
    public async Task PrepareForScenarioAsync()
    {
        RedisLink.Heal();
        await Redis.EnsureRunningAsync();
        await Postgres.EnsureRunningAsync();
        foreach (var replica in Replicas)
        {
            await replica.EnsureRunningAsync();
        }

        await using (var connection = new NpgsqlConnection(Postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var truncate = new NpgsqlCommand("TRUNCATE events, event_keys", connection);
            await truncate.ExecuteNonQueryAsync();
        }

        await foreach (var key in RedisDirectServer.KeysAsync(pattern: "ep:{loadgen-*"))
        {
            await RedisDirect.KeyDeleteAsync(key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Front is not null)
        {
            await Front.DisposeAsync();
        }

        foreach (var replica in Replicas)
        {
            replica.Dispose();
        }

        await RedisLink.DisposeAsync();
        await Postgres.DisposeAsync();
        await Redis.DisposeAsync();
        if (_redisDirect is not null)
        {
            await _redisDirect.DisposeAsync();
        }
    }

    private Dictionary<string, string> ApiSettings() => new()
    {
        ["ConnectionStrings__redis"] = $"127.0.0.1:{RedisLink.Port}",
        ["ConnectionStrings__eventsdb"] = Postgres.ConnectionString,
        ["Identity__SigningKey"] = SigningKey,
        ["Identity__DemoClients"] = "true",
        ["Identity__DemoClientSecret"] = DemoSecret,
        ["Identity__AdminClientSecret"] = AdminSecret,
        ["Limiting__Replicas"] = Settings.Replicas.ToString(CultureInfo.InvariantCulture),
        ["Limiting__Default__Capacity"] = Settings.Capacity.ToString(CultureInfo.InvariantCulture),
        ["Limiting__Default__Refill"] = Settings.Refill.ToString(CultureInfo.InvariantCulture),
        ["Limiting__Policies__ingest__FailureMode"] = Settings.FailureMode,
        ["Limiting__RedisTimeoutMilliseconds"] = Settings.RedisTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture),
        // Partition maintenance every second, so retention also runs during every fault.
        ["Storage__MaintenanceInterval"] = "00:00:01",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ",
    };

    private static string Secret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
