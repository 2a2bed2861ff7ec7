using Npgsql;
using NpgsqlTypes;

namespace EventPipeline.Api.Identity;

/// <summary>The client registry in PostgreSQL.</summary>
internal sealed class ClientStore(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "client_id, secret_hash, scopes, tier, limit_capacity, limit_refill_per_second, enabled, created_at, updated_at, token_generation";

    public async Task<ClientRecord?> FindAsync(string clientId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM clients WHERE client_id = @id");
        command.Parameters.AddWithValue("id", clientId);
        return (await ReadAllAsync(command, ct)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<ClientRecord>> ListAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM clients ORDER BY client_id");
        return await ReadAllAsync(command, ct);
    }

    public async Task<HashSet<string>> ExistingIdsAsync(IReadOnlyCollection<string> clientIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT client_id FROM clients WHERE client_id = ANY(@ids)");
        command.Parameters.AddWithValue("ids", clientIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    /// <summary>Inserts unless the id exists; false when it did (replicas bootstrapping together both land here).</summary>
    public async Task<bool> TryInsertAsync(NewClient client, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO clients (client_id, secret_hash, scopes, tier, limit_capacity, limit_refill_per_second, enabled)
            VALUES (@id, @hash, @scopes, @tier, @capacity, @refill, @enabled)
            ON CONFLICT (client_id) DO NOTHING
            """);
        command.Parameters.AddWithValue("id", client.ClientId);
        command.Parameters.AddWithValue("hash", client.SecretHash);
        command.Parameters.AddWithValue("scopes", client.Scopes.ToArray());
        command.Parameters.AddWithValue("tier", client.Tier);
        command.Parameters.Add(Nullable("capacity", NpgsqlDbType.Double, client.Limit?.Capacity));
        command.Parameters.Add(Nullable("refill", NpgsqlDbType.Double, client.Limit?.RefillPerSecond));
        command.Parameters.AddWithValue("enabled", client.Enabled);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<ClientRecord?> UpdateAsync(string clientId, ClientChanges changes, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE clients SET
                scopes = COALESCE(@scopes, scopes),
                tier = COALESCE(@tier, tier),
                enabled = COALESCE(@enabled, enabled),
                limit_capacity = CASE WHEN @remove_limit THEN NULL ELSE COALESCE(@capacity, limit_capacity) END,
                limit_refill_per_second = CASE WHEN @remove_limit THEN NULL ELSE COALESCE(@refill, limit_refill_per_second) END,
                updated_at = now(),
                token_generation = token_generation + CASE WHEN @scopes IS NOT NULL AND scopes IS DISTINCT FROM @scopes
                    OR @tier IS NOT NULL AND tier IS DISTINCT FROM @tier
                    OR @enabled IS NOT NULL AND enabled IS DISTINCT FROM @enabled THEN 1 ELSE 0 END
            WHERE client_id = @id
            RETURNING {Columns}
            """);
        command.Parameters.AddWithValue("id", clientId);
        command.Parameters.Add(Nullable("scopes", NpgsqlDbType.Array | NpgsqlDbType.Text, changes.Scopes?.ToArray()));
        command.Parameters.Add(Nullable("tier", NpgsqlDbType.Text, changes.Tier));
        command.Parameters.Add(Nullable("enabled", NpgsqlDbType.Boolean, changes.Enabled));
        command.Parameters.AddWithValue("remove_limit", changes.RemoveLimit);
        command.Parameters.Add(Nullable("capacity", NpgsqlDbType.Double, changes.Limit?.Capacity));
        command.Parameters.Add(Nullable("refill", NpgsqlDbType.Double, changes.Limit?.RefillPerSecond));
        return (await ReadAllAsync(command, ct)).SingleOrDefault();
    }

    public async Task<bool> SetSecretHashAsync(string clientId, string secretHash, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE clients SET secret_hash = @hash, updated_at = now(), token_generation = token_generation + 1 WHERE client_id = @id");
        command.Parameters.AddWithValue("id", clientId);
        command.Parameters.AddWithValue("hash", secretHash);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task<bool> DeleteAsync(string clientId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM clients WHERE client_id = @id");
        command.Parameters.AddWithValue("id", clientId);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>The generation tokens must carry, or null when the client is disabled or gone.</summary>
    public async Task<long?> ActiveGenerationAsync(string clientId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT token_generation FROM clients WHERE client_id = @id AND enabled");
        command.Parameters.AddWithValue("id", clientId);
        return await command.ExecuteScalarAsync(ct) is long generation ? generation : null;
    }

    private static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    private static async Task<List<ClientRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var clients = new List<ClientRecord>();
        while (await reader.ReadAsync(ct))
        {
            clients.Add(new ClientRecord(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetFieldValue<string[]>(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : new LimitOverride(reader.GetDouble(4), reader.GetDouble(5)),
                reader.GetBoolean(6),
                reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetFieldValue<DateTimeOffset>(8),
                reader.GetInt64(9)));
        }
        return clients;
    }
}
