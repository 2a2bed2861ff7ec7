using System.Globalization;
using EventPipeline.Api.Events;
using EventPipeline.Api.Events.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Tests.Integration.Storage;

/// <summary>
/// The real writer, reader and partition maintenance on a PostgreSQL session whose storage clock
/// (eventpipeline.clock) reads a chosen time, so a test can stand on either side of a boundary.
/// </summary>
internal sealed class ClockedStore : IAsyncDisposable
{
    private readonly GroupCommitWriter _writer;
    private readonly EventIngestor _ingestor;

    private ClockedStore(NpgsqlDataSource dataSource, StorageOptions options)
    {
        DataSource = dataSource;
        var ingestion = Options.Create(new IngestionOptions { CommitTimeout = TimeSpan.FromSeconds(10) });
        var metrics = new IngestionMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        _writer = new GroupCommitWriter(dataSource, metrics, ingestion, NullLogger<GroupCommitWriter>.Instance);
        _ingestor = new EventIngestor(_writer, metrics, ingestion);
        Maintainer = new PartitionMaintainer(dataSource, Options.Create(options), NullLogger<PartitionMaintainer>.Instance);
        Reader = new EventReader(dataSource);
    }

    public NpgsqlDataSource DataSource { get; }

    public PartitionMaintainer Maintainer { get; }

    public EventReader Reader { get; }

    public static async Task<ClockedStore> StartAsync(string connectionString, DateTimeOffset? clock, StorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (clock is { } time)
        {
            builder.Options = $"-c {StorageClock.Setting}={time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";
        }
        var store = new ClockedStore(NpgsqlDataSource.Create(builder.ConnectionString), options);
        await store._writer.StartAsync(default);
        return store;
    }

    public async Task<StoreOutcome> IngestAsync(string clientId, IncomingEvent incoming) =>
        (await _ingestor.IngestAsync(clientId, [incoming], null, default))[0];

    public static IncomingEvent Event(string id, string payload = """{"n":1}""")
    {
        using var document = System.Text.Json.JsonDocument.Parse(
            $$"""{"event_id":{{System.Text.Json.JsonSerializer.Serialize(id)}},"source":"test","payload":{{payload}}}""");
        return EventParser.Parse(document.RootElement).Event!;
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.StopAsync(default);
        _writer.Dispose();
        await DataSource.DisposeAsync();
    }
}
