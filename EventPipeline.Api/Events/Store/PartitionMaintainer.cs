using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Api.Events.Store;

/// <summary>
/// One maintenance pass: creates the events partitions ahead and the dedup key windows, drops the
/// partitions past retention, all in one transaction under an advisory lock so replicas take turns.
/// Time is PostgreSQL's clock, the same one that stamps received_at.
/// </summary>
internal sealed partial class PartitionMaintainer(NpgsqlDataSource dataSource, IOptions<StorageOptions> options, ILogger<PartitionMaintainer> logger)
{
    // Any constant works; it only has to be the same for every replica and differ from the migrations'.
    private const long AdvisoryLockKey = 0x45_76_50_61_72_74;

    public async Task<MaintenanceReport> RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Creating and dropping partitions locks the parent briefly; never queue ingestion behind a long wait.
        await ExecuteAsync(connection, "SET LOCAL lock_timeout = '5s'", ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct);
        var report = new MaintenanceReport(await NowAsync(connection, ct), [], []);

        var events = (await PartitionCatalog.ReadAsync(connection, TimePartition.EventsTable, ct)).Select(p => p.Partition).ToList();
        var wanted = TimePartition.EventsContaining(report.Now, settings.PartitionInterval);
        for (var i = 0; i <= settings.PartitionsAhead; i++, wanted = wanted.Following(settings.PartitionInterval))
        {
            // After a change of interval, the ranges already made ahead stand until they pass.
            if (!events.Any(p => p.Overlaps(wanted)))
            {
                await CreateAsync(connection, TimePartition.EventsTable, wanted, report, ct);
            }
        }

        var keys = (await PartitionCatalog.ReadAsync(connection, TimePartition.KeysTable, ct)).Select(p => p.Partition).ToList();
        var window = TimePartition.KeysContaining(report.Now);
        // The current window, and the next one that new keys also book (plus one spare).
        for (var i = 0; i < 3; i++, window = window.Following(settings.PartitionInterval))
        {
            if (!keys.Any(p => p.Overlaps(window)))
            {
                await CreateAsync(connection, TimePartition.KeysTable, window, report, ct);
            }
        }

        var cutoff = report.Now.AddDays(-settings.RetentionDays);
        foreach (var expired in events.Where(p => p.End <= cutoff))
        {
            await DropAsync(connection, expired, report, ct);
        }
        // A statement begun just before midnight still books yesterday's window; older ones serve no one.
        var yesterday = TimePartition.KeysContaining(report.Now).Start - TimePartition.KeyWindow;
        foreach (var expired in keys.Where(p => p.End <= yesterday))
        {
            await DropAsync(connection, expired, report, ct);
        }

        await transaction.CommitAsync(ct);
        return report;
    }

    private static async Task<DateTimeOffset> NowAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {StorageClock.Now}", connection);
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(ct))!, TimeSpan.Zero);
    }

    private async Task CreateAsync(NpgsqlConnection connection, string parent, TimePartition partition, MaintenanceReport report, CancellationToken ct)
    {
        await ExecuteAsync(connection, partition.CreateSql(parent), ct);
        report.Created.Add(partition.Name);
        LogCreated(logger, partition.Name, partition.Start, partition.End);
    }

    private async Task DropAsync(NpgsqlConnection connection, TimePartition partition, MaintenanceReport report, CancellationToken ct)
    {
        await ExecuteAsync(connection, partition.DropSql(), ct);
        report.Dropped.Add(partition.Name);
        LogDropped(logger, partition.Name, partition.End);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created partition {Partition} for [{Start:O}, {End:O})")]
    private static partial void LogCreated(ILogger logger, string partition, DateTimeOffset start, DateTimeOffset end);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dropped partition {Partition}: everything in it is older than retention (ended {End:O})")]
    private static partial void LogDropped(ILogger logger, string partition, DateTimeOffset end);
}

/// <summary>What one pass did, by partition name.</summary>
internal sealed record MaintenanceReport(DateTimeOffset Now, List<string> Created, List<string> Dropped);
