using EventPipeline.Api.Database;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventPipeline.Tests.Integration.Storage;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class DatabaseMigratorTests : IClassFixture<LocalPostgresServer>
{
    private readonly LocalPostgresServer _postgres;

    public DatabaseMigratorTests(LocalPostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task ReplicasMigratingAtOnceApplyEachScriptExactlyOnce()
    {
        await using var dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        var scripts = MigrationScript.LoadEmbedded();
        var migrators = Enumerable.Range(0, 4)
            .Select(_ => new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance))
            .ToArray();

        var applied = await Task.WhenAll(migrators.Select(m => m.MigrateAsync(scripts, CancellationToken.None)));

        Assert.Equal(scripts.Count, applied.Sum(list => list.Count));
        await using var command = dataSource.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        var versions = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                versions.Add(reader.GetInt32(0));
            }
        }
        Assert.Equal(scripts.Select(s => s.Version), versions);
        Assert.Empty(await migrators[0].MigrateAsync(scripts, CancellationToken.None));
    }

    [Fact]
    public async Task AFailingScriptLeavesNothingBehind()
    {
        await using var dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        var migrator = new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance);
        MigrationScript[] broken =
        [
            new(9001, "9001_creates_a_table.sql", "CREATE TABLE half_done (id int)"),
            new(9002, "9002_fails.sql", "SELECT * FROM no_such_table"),
        ];

        await Assert.ThrowsAsync<PostgresException>(() => migrator.MigrateAsync(broken, CancellationToken.None));

        await using var command = dataSource.CreateCommand("SELECT to_regclass('half_done') IS NULL");
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public void EmbeddedScriptsAreNumberedWithoutGaps()
    {
        var versions = MigrationScript.LoadEmbedded().Select(s => s.Version).ToArray();

        Assert.NotEmpty(versions);
        Assert.Equal(Enumerable.Range(1, versions.Length), versions);
    }
}
