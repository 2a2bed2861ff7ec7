using System.Globalization;
using System.Text.Json;
using EventPipeline.Api.Database;
using EventPipeline.Api.Events.Store;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventPipeline.Tests.Integration.Storage;

/// <summary>
/// Each writer loop prepares the batch INSERT once, and PostgreSQL then reuses a generic plan made
/// from the statistics of that moment (none, on a fresh database). That plan must not read more of
/// event_keys as the day's window fills: it once read the whole window for every batch, so ingest
/// slowed as the table grew. The test forces the generic plan and counts the rows it reads.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class BatchInsertPlanTests(LocalPostgresServer postgres) : IClassFixture<LocalPostgresServer>, IAsyncLifetime
{
    private const string Day = "2036-04-04";
    private const int KeysAlreadyInTheWindow = 2000;

    public async Task InitializeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(MigrationScript.LoadEmbedded(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheGenericPlanLooksUpEachUnbookedKeyByItsFullKeyInsteadOfReadingTheDaysWindow()
    {
        await using var store = await ClockedStore.StartAsync(postgres.ConnectionString,
            DateTimeOffset.Parse($"{Day}T10:00:00Z", CultureInfo.InvariantCulture),
            new StorageOptions { PartitionInterval = PartitionInterval.Daily, PartitionsAhead = 2, RetentionDays = 30 });
        await store.Maintainer.RunAsync(default);
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await ExecuteAsync(connection, $"""
            INSERT INTO event_keys (window_start, client_id, event_id, content_hash)
            SELECT timestamptz '{Day} 00:00:00+00', 'filler', 'key-' || g, '\x00'::bytea FROM generate_series(1, {KeysAlreadyInTheWindow}) g
            """);
        await ExecuteAsync(connection, "ANALYZE event_keys");
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, $"PREPARE batch_insert(text[], text[], text[], jsonb[], inet[], timestamptz[], bytea[]) AS {Positional(EventBatchSql.Insert)}");
        await ExecuteAsync(connection, "SET LOCAL plan_cache_mode = force_generic_plan");

        // Five new keys and two that the window already holds (they come back as conflicts).
        string[] clients = ["filler", "filler", "filler", "filler", "filler", "filler", "filler"];
        string[] ids = ["new-1", "new-2", "new-3", "new-4", "new-5", "key-10", "key-20"];
        var plan = await ExplainAnalyzeAsync(connection, clients, ids);

        var keysRead = RowsReadFrom(plan, "event_keys");
        Assert.True(keysRead <= 2, $"the generic plan read {keysRead} event_keys rows for a batch with 2 booked keys:\n{plan}");
        Assert.Equal(0, Sum(plan, "Rows Removed by Join Filter"));
        await transaction.RollbackAsync();
    }

    // EXPLAIN takes no bound parameters, so the batch is spelled out; the test's own constants only.
    private static async Task<JsonElement> ExplainAnalyzeAsync(NpgsqlConnection connection, string[] clients, string[] ids)
    {
        static string Texts(IEnumerable<string> values) => $"ARRAY[{string.Join(", ", values.Select(v => $"'{v}'"))}]";
        var each = (string value) => $"ARRAY[{string.Join(", ", ids.Select(_ => value))}]";
        await using var explain = new NpgsqlCommand($"""
            EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE batch_insert(
                {Texts(clients)}, {Texts(ids)}, {each("'test'")}, {each("'{\"n\":1}'")}::jsonb[],
                {each("NULL")}::inet[], {each("NULL")}::timestamptz[], {each("'\\x01'")}::bytea[])
            """, connection);
        var json = (string)(await explain.ExecuteScalarAsync())!;
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone();
    }

    // The writer binds named parameters; a SQL-level PREPARE takes them by position, in the writer's order.
    private static string Positional(string sql) => sql
        .Replace("@client_ids", "$1", StringComparison.Ordinal).Replace("@event_ids", "$2", StringComparison.Ordinal)
        .Replace("@sources", "$3", StringComparison.Ordinal).Replace("@payloads", "$4", StringComparison.Ordinal)
        .Replace("@client_ips", "$5", StringComparison.Ordinal).Replace("@client_timestamps", "$6", StringComparison.Ordinal)
        .Replace("@content_hashes", "$7", StringComparison.Ordinal);

    // Rows a scan of the table's partitions returned or filtered out, over all its loops.
    private static double RowsReadFrom(JsonElement node, string table)
    {
        var read = 0.0;
        if (node.TryGetProperty("Relation Name", out var relation) && relation.GetString()!.StartsWith(table + "_p", StringComparison.Ordinal))
        {
            var loops = node.GetProperty("Actual Loops").GetDouble();
            read += loops * (node.GetProperty("Actual Rows").GetDouble()
                + Value(node, "Rows Removed by Filter") + Value(node, "Rows Removed by Index Recheck"));
        }
        return read + Children(node).Sum(child => RowsReadFrom(child, table));
    }

    private static double Sum(JsonElement node, string property) =>
        Value(node, property) + Children(node).Sum(child => Sum(child, property));

    private static double Value(JsonElement node, string property) =>
        node.TryGetProperty(property, out var value) ? value.GetDouble() : 0;

    private static JsonElement[] Children(JsonElement node) =>
        node.TryGetProperty("Plans", out var plans) ? [.. plans.EnumerateArray()] : [];

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
