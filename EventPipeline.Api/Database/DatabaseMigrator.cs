using Npgsql;

namespace EventPipeline.Api.Database;

/// <summary>
/// Applies the embedded migrations that the database lacks, all in one transaction under an
/// advisory lock, so API replicas starting together never race and a failed script leaves nothing half-done.
/// </summary>
internal sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Any constant works; it only has to be the same for every replica.
    private const long AdvisoryLockKey = 0x45_76_50_69_70_65;

    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(IReadOnlyList<MigrationScript> scripts, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", ct, ("key", AdvisoryLockKey));
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, ct);

        var applied = await AppliedVersionsAsync(connection, ct);
        var pending = scripts.Where(s => !applied.Contains(s.Version)).ToList();
        foreach (var script in pending)
        {
            await ExecuteAsync(connection, script.Sql, ct);
            await ExecuteAsync(connection, "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", ct,
                ("version", script.Version), ("name", script.Name));
            LogApplied(logger, script.Name);
        }

        await transaction.CommitAsync(ct);
        return pending;
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(ct))
        {
            versions.Add(reader.GetInt32(0));
        }
        return versions;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Migration}")]
    private static partial void LogApplied(ILogger logger, string migration);
}
