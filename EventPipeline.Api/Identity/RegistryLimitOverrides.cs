using System.Collections.Frozen;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Runtime;
using EventPipeline.Contracts.Limiting;
using Npgsql;

namespace EventPipeline.Api.Identity;

/// <summary>
/// The limit overrides stored on clients in the registry (PATCH /v1/admin/clients/{id}), reloaded
/// every few seconds into memory: the limiter asks on every request and must not wait for a query.
/// </summary>
internal sealed partial class RegistryLimitOverrides(NpgsqlDataSource dataSource, ILogger<RegistryLimitOverrides> logger) : BackgroundService, IClientLimitOverrideSource
{
    private static readonly TimeSpan s_refresh = TimeSpan.FromSeconds(2);
    private FrozenDictionary<string, BucketLimit> _overrides = FrozenDictionary<string, BucketLimit>.Empty;

    public BucketLimit? Find(string clientId) => _overrides.GetValueOrDefault(clientId);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // The last loaded overrides stay in force until PostgreSQL answers again.
        PeriodicRounds.RunAsync(s_refresh, async ct => _overrides = await LoadAsync(ct), ex => LogReloadFailed(logger, ex.Message),
            stoppingToken, firstRoundAtStart: true);

    private async Task<FrozenDictionary<string, BucketLimit>> LoadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT client_id, limit_capacity, limit_refill_per_second FROM clients WHERE limit_capacity IS NOT NULL AND limit_refill_per_second IS NOT NULL");
        await using var reader = await command.ExecuteReaderAsync(ct);
        var overrides = new Dictionary<string, BucketLimit>();
        while (await reader.ReadAsync(ct))
        {
            overrides[reader.GetString(0)] = BucketLimit.Of(reader.GetDouble(1), reader.GetDouble(2));
        }
        return overrides.ToFrozenDictionary();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client limit overrides not reloaded: {Reason}")]
    private static partial void LogReloadFailed(ILogger logger, string reason);
}
