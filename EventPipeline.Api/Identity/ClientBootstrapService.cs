using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Registers the bootstrap clients on first start. Runs after the migrations (registered after
/// <c>AddDatabase()</c>), never overwrites an existing client, and inserts with ON CONFLICT DO NOTHING so
/// replicas starting together are safe. Secrets are rotated through the admin API, not by restarting.
/// </summary>
internal sealed partial class ClientBootstrapService(
    ClientStore store, ClientSecretHasher hasher, IOptions<IdentityOptions> options, ILogger<ClientBootstrapService> logger) : IHostedService
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);
    private const int MaxAttempts = 30;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await BootstrapAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < MaxAttempts)
            {
                LogRetry(logger, attempt, ex.Message);
                await Task.Delay(s_retryDelay, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task BootstrapAsync(CancellationToken ct)
    {
        var settings = options.Value;
        List<(string Id, string Secret, IReadOnlyList<string> Scopes)> wanted =
        [
            (BootstrapClients.AdminClientId, settings.AdminClientSecret, BootstrapClients.AdminScopes),
        ];
        if (settings.DemoClients)
        {
            wanted.AddRange(BootstrapClients.DemoClientIds.Select(id => (id, settings.DemoClientSecret, BootstrapClients.DemoScopes)));
        }
        // Hashing costs tens of milliseconds each, so only the missing clients are hashed.
        var existing = await store.ExistingIdsAsync(wanted.Select(c => c.Id).ToList(), ct);
        foreach (var (id, secret, scopes) in wanted.Where(c => !existing.Contains(c.Id)))
        {
            var client = new NewClient(id, hasher.Hash(secret), scopes, "standard", Limit: null, Enabled: true);
            if (await store.TryInsertAsync(client, ct))
            {
                LogCreated(logger, id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created bootstrap client {ClientId}")]
    private static partial void LogCreated(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready for client bootstrap (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, string reason);
}
