using EventPipeline.Api.Runtime;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Api.Events.Store;

/// <summary>
/// Keeps partitions ready ahead and drops expired ones. The first pass runs before the API takes
/// requests (after the migrations), so the current partition always exists when events arrive.
/// </summary>
internal sealed partial class PartitionMaintenanceService(
    PartitionMaintainer maintainer,
    NpgsqlDataSource dataSource,
    StorageMetrics metrics,
    IOptions<StorageOptions> options,
    ILogger<PartitionMaintenanceService> logger) : BackgroundService
{
    private const int StartAttempts = 30;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await PassAsync(cancellationToken);
                break;
            }
            catch (NpgsqlException ex) when (attempt < StartAttempts)
            {
                LogStartRetry(logger, attempt, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
        await base.StartAsync(cancellationToken);
    }

    // Partitions are made several intervals ahead, so the next pass has time to succeed.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicRounds.RunAsync(options.Value.MaintenanceInterval, PassAsync, Failed, stoppingToken);

    private void Failed(Exception ex)
    {
        metrics.RecordFailure();
        LogFailed(logger, ex);
    }

    private async Task PassAsync(CancellationToken ct)
    {
        var report = await maintainer.RunAsync(ct);
        metrics.Record(report, await StorageSnapshot.TakeAsync(dataSource, report.Now, ct));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition maintenance not possible yet (attempt {Attempt}): {Reason}")]
    private static partial void LogStartRetry(ILogger logger, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partition maintenance failed; it is retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
