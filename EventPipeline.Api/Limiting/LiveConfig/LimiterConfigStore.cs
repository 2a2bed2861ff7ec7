using System.Text.Json;
using EventPipeline.Contracts.Limiting;
using Npgsql;
using NpgsqlTypes;

namespace EventPipeline.Api.Limiting.LiveConfig;

/// <summary>The versioned limiter config in PostgreSQL; a change is an appended row, never an update.</summary>
public sealed class LimiterConfigStore(NpgsqlDataSource dataSource, LiveLimiterConfig live)
{
    // Serialises writers so two admins changing different tiers at once both keep their change.
    private const long WriterLockKey = 0x4c_69_6d_69_74;

    public async Task<LimiterConfigSnapshot?> LatestAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT version, document FROM limiter_config_versions ORDER BY version DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new(reader.GetInt64(0), Parse(reader.GetString(1))) : null;
    }

    public async Task<LimiterConfigVersion?> FindAsync(long version, CancellationToken ct)
    {
        var versions = await QueryAsync("WHERE version = @version", version, ct);
        return versions.Count == 0 ? null : versions[0];
    }

    public Task<IReadOnlyList<LimiterConfigVersion>> HistoryAsync(CancellationToken ct) =>
        QueryAsync("ORDER BY version DESC LIMIT 100", null, ct);

    /// <summary>Applies a change to the latest stored document (or the start-up one) and stores the result.</summary>
    public async Task<LimiterConfigSnapshot> ChangeAsync(Func<LimiterConfigDocument, LimiterConfigDocument> change, string changedBy, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", WriterLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using var latest = new NpgsqlCommand(
            "SELECT document FROM limiter_config_versions ORDER BY version DESC LIMIT 1", connection, transaction);
        var stored = await latest.ExecuteScalarAsync(ct) as string;
        var document = change(stored is null ? live.Current.Document : Parse(stored));

        await using var insert = new NpgsqlCommand(
            "INSERT INTO limiter_config_versions (document, changed_by) VALUES (@document, @changedBy) RETURNING version",
            connection, transaction);
        insert.Parameters.AddWithValue("document", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(document));
        insert.Parameters.AddWithValue("changedBy", changedBy);
        var version = (long)(await insert.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return new(version, document);
    }

    private async Task<IReadOnlyList<LimiterConfigVersion>> QueryAsync(string clause, long? version, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT version, document, changed_by, changed_at FROM limiter_config_versions {clause}");
        if (version is { } v)
        {
            command.Parameters.AddWithValue("version", v);
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<LimiterConfigVersion>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new(reader.GetInt64(0), Parse(reader.GetString(1)), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return rows;
    }

    private static LimiterConfigDocument Parse(string json) =>
        JsonSerializer.Deserialize<LimiterConfigDocument>(json)
        ?? throw new InvalidDataException("A limiter_config_versions row holds no document.");
}
