using EventPipeline.Api.Database;
using EventPipeline.Api.Identity;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Tests.Integration.Identity;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ClientBootstrapTests : IClassFixture<LocalPostgresServer>
{
    private readonly LocalPostgresServer _postgres;

    public ClientBootstrapTests(LocalPostgresServer postgres) => _postgres = postgres;

    [Fact]
    public async Task ReplicasBootstrappingTogetherCreateEachClientOnceAndKeepItsSecret()
    {
        await using var dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(MigrationScript.LoadEmbedded(), CancellationToken.None);
        var store = new ClientStore(dataSource);
        var hasher = new ClientSecretHasher();
        var options = Options.Create(new IdentityOptions { AdminClientSecret = "bootstrap-admin-secret", DemoClients = true, DemoClientSecret = "bootstrap-demo-secret" });
        var replicas = Enumerable.Range(0, 2)
            .Select(_ => new ClientBootstrapService(store, hasher, options, NullLogger<ClientBootstrapService>.Instance))
            .ToList();

        await Task.WhenAll(replicas.Select(r => r.StartAsync(CancellationToken.None)));
        var admin = await store.FindAsync("admin", CancellationToken.None);
        var changed = Options.Create(new IdentityOptions { AdminClientSecret = "a-different-admin-secret", DemoClients = true, DemoClientSecret = "bootstrap-demo-secret" });
        await new ClientBootstrapService(store, hasher, changed, NullLogger<ClientBootstrapService>.Instance).StartAsync(CancellationToken.None);

        var clients = await store.ListAsync(CancellationToken.None);
        Assert.Equal(24, clients.Count);
        Assert.Equal(
            ["admin", "dashboard", "loadgen", .. Enumerable.Range(1, 20).Select(i => $"loadgen-{i:00}"), "test-123"],
            clients.Select(c => c.ClientId));
        Assert.All(clients.Where(c => c.ClientId != "admin"), c => Assert.True(hasher.Verify(c.SecretHash, "bootstrap-demo-secret")));
        Assert.All(clients, c => Assert.DoesNotContain("bootstrap", c.SecretHash, StringComparison.Ordinal));
        var adminAfter = await store.FindAsync("admin", CancellationToken.None);
        Assert.Equal(admin!.SecretHash, adminAfter!.SecretHash);
        Assert.True(hasher.Verify(adminAfter.SecretHash, "bootstrap-admin-secret"));
    }
}
