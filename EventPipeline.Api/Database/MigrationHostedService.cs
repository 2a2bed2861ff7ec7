using Npgsql;

namespace EventPipeline.Api.Database;

/// <summary>Runs the migrations before the API takes requests; retries while PostgreSQL is still starting.</summary>
internal sealed partial class MigrationHostedService(DatabaseMigrator migrator, ILogger<MigrationHostedService> logger) : IHostedService
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);
    private const int MaxAttempts = 30;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scripts = MigrationScript.LoadEmbedded();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(scripts, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready for migrations (attempt {Attempt}): {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, string reason);
}
