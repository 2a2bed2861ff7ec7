using EventPipeline.Api.Database;
using EventPipeline.Api.Events.Store;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventPipeline.Tests.Integration.Storage;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class EventsMigrationTests(LocalPostgresServer postgres) : IClassFixture<LocalPostgresServer>
{
    private const int LegacyRows = 20_000;

    // Every column of every row, in key order: equal fingerprints mean equal content.
    private const string Fingerprint = """
        SELECT count(*)::text || ':' || md5(string_agg(concat_ws('|', client_id, event_id::text, source, payload::text,
            host(client_ip), client_timestamp, received_at, encode(content_hash, 'hex')), ',' ORDER BY client_id, event_id::text))
        FROM events
        """;

    [Fact]
    public async Task APopulatedUnpartitionedTableMovesToPartitionsWithEveryRowAndItsContent()
    {
        var connectionString = await NewDatabaseAsync();
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);
        var scripts = MigrationScript.LoadEmbedded();
        await migrator.MigrateAsync(scripts.Where(s => s.Version <= 4).ToList(), default);
        var retried = ClockedStore.Event(Guid.NewGuid().ToString());
        await ExecuteAsync(dataSource, $"""
            INSERT INTO events (client_id, event_id, source, payload, client_ip, client_timestamp, received_at, content_hash)
            SELECT 'legacy-' || (n % 7), gen_random_uuid(), 'src-' || (n % 3), jsonb_build_object('n', n, 'text', repeat('x', n % 50)),
                   CASE WHEN n % 2 = 0 THEN '10.0.0.1'::inet END, CASE WHEN n % 3 = 0 THEN now() - interval '1 year' END,
                   now() - (n % 72) * interval '1 hour' - (n % 60) * interval '1 second', sha256(n::text::bytea)
            FROM generate_series(1, {LegacyRows - 1}) AS n;
            INSERT INTO events (client_id, event_id, source, payload, received_at, content_hash)
            VALUES ('legacy-retried', '{retried.EventId}', 'test', '{retried.PayloadJson}', now() - interval '2 hours', '\x{Convert.ToHexString(retried.ContentHash)}');
            """);
        var before = await ScalarAsync(dataSource, Fingerprint);

        var applied = await migrator.MigrateAsync(scripts, default);
        await new PartitionMaintainer(dataSource, Microsoft.Extensions.Options.Options.Create(new StorageOptions()), NullLogger<PartitionMaintainer>.Instance).RunAsync(default);

        Assert.Contains(applied, s => s.Version == 5);
        Assert.StartsWith($"{LegacyRows}:", before);
        Assert.Equal(before, await ScalarAsync(dataSource, Fingerprint));
        Assert.Equal("p", await ScalarAsync(dataSource, "SELECT relkind::text FROM pg_class WHERE relname = 'events'"));
        // One daily partition per UTC day the old rows arrived on.
        Assert.Equal(
            await ScalarAsync(dataSource, "SELECT count(DISTINCT (received_at AT TIME ZONE 'UTC')::date)::text FROM events"),
            await ScalarAsync(dataSource, "SELECT count(DISTINCT tableoid)::text FROM events"));
        await using var store = await ClockedStore.StartAsync(connectionString, clock: null, new StorageOptions());
        Assert.Equal(StoreOutcome.Duplicate, await store.IngestAsync("legacy-retried", retried));
        Assert.Equal(StoreOutcome.Conflict, await store.IngestAsync("legacy-retried", retried with { ContentHash = new byte[32] }));
    }

    private async Task<string> NewDatabaseAsync()
    {
        var name = $"legacy_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(postgres.ConnectionString))
        {
            await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        }
        return new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
