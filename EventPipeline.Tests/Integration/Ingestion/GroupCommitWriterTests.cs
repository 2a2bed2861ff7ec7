using EventPipeline.Api.Database;
using EventPipeline.Api.Events;
using EventPipeline.Api.Events.Store;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace EventPipeline.Tests.Integration.Ingestion;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class GroupCommitWriterTests : IClassFixture<LocalPostgresServer>, IAsyncLifetime, IDisposable
{
    private readonly LocalPostgresServer _postgres;
    private NpgsqlDataSource _dataSource = null!;
    private GroupCommitWriter _writer = null!;
    private EventIngestor _ingestor = null!;

    public GroupCommitWriterTests(LocalPostgresServer postgres) => _postgres = postgres;

    public async Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString + ";Timeout=15;Command Timeout=30");
        await new DatabaseMigrator(_dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(MigrationScript.LoadEmbedded(), default);
        await new PartitionMaintainer(_dataSource, Options.Create(new StorageOptions()), NullLogger<PartitionMaintainer>.Instance).RunAsync(default);

        var options = Options.Create(new IngestionOptions { CommitTimeout = TimeSpan.FromSeconds(10) });
        var metrics = new IngestionMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        _writer = new GroupCommitWriter(_dataSource, metrics, options, NullLogger<GroupCommitWriter>.Instance);
        _ingestor = new EventIngestor(_writer, metrics, options);
        await _writer.StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _writer.StopAsync(default);
        await _dataSource.DisposeAsync();
    }

    public void Dispose() => _writer.Dispose();

    private static IncomingEvent NewEvent(string payload = """{"n":1}""", string? id = null)
    {
        using var document = System.Text.Json.JsonDocument.Parse(
            $$"""{"event_id":"{{id ?? Guid.NewGuid().ToString()}}","source":"test","payload":{{payload}}}""");
        return EventParser.Parse(document.RootElement).Event!;
    }

    [Fact]
    public async Task AnUnstorableEventIsRefusedAloneAndTheOthersInItsCommitAreStored()
    {
        // Every writer loop waits on a table lock, so the writes that follow queue up and are taken
        // as one batch once it is released: the bad value shares its commit with the good ones.
        await using var blocker = await _dataSource.OpenConnectionAsync();
        await using var lockTransaction = await blocker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE events IN EXCLUSIVE MODE", blocker, lockTransaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }
        var occupying = Enumerable.Range(0, new IngestionOptions().Writers).Select(_ => Write(NewEvent(), "occupying-writers")).ToArray();
        await Task.Delay(200); // let each loop take one and block on the lock
        var good = Enumerable.Range(0, 20).Select(_ => NewEvent()).ToArray();
        // NUL is valid JSON text but PostgreSQL text cannot hold it; the parser refuses it, so it is built by hand.
        var unstorable = NewEvent() with { Source = "nul\0here" };
        var writes = good.Take(10).Append(unstorable).Concat(good.Skip(10)).Select(e => Write(e, "unstorable-neighbours")).ToArray();
        await lockTransaction.RollbackAsync();

        var outcomes = await Task.WhenAll(writes);
        await Task.WhenAll(occupying);

        Assert.Equal(StoreOutcome.Unstorable, outcomes[10]);
        Assert.All(outcomes.Take(10).Concat(outcomes.Skip(11)), o => Assert.Equal(StoreOutcome.Accepted, o));
        var stored = await StoredEvents.IdsAsync(_postgres.ConnectionString, "unstorable-neighbours");
        Assert.Equal(good.Select(e => e.EventId).Order(), stored.Order());

        Task<StoreOutcome> Write(IncomingEvent incoming, string clientId)
        {
            var write = new EventWrite(clientId, incoming, clientIp: null);
            Assert.True(_writer.TryEnqueue(write));
            return write.Completion;
        }
    }

    [Fact]
    public async Task ThousandsOfConcurrentWritesAreEachStoredExactlyOnce()
    {
        var client = $"client-{Guid.NewGuid():N}";
        var events = Enumerable.Range(0, 3000).Select(i => NewEvent($$"""{"i":{{i}}}""")).ToArray();

        var outcomes = await Task.WhenAll(events.Select(e => _ingestor.IngestAsync(client, [e], null, default)));

        Assert.All(outcomes, o => Assert.Equal(StoreOutcome.Accepted, o[0]));
        var stored = await StoredEvents.IdsAsync(_postgres.ConnectionString, client);
        Assert.Equal(events.Select(e => e.EventId).Order(), stored.Order());
    }

    [Fact]
    public async Task TheSameEventAgainIsADuplicateAndOtherContentIsAConflict()
    {
        var client = $"client-{Guid.NewGuid():N}";
        var original = NewEvent("""{"n":1}""");
        var conflicting = NewEvent("""{"n":2}""", original.EventId);

        Assert.Equal(StoreOutcome.Accepted, (await _ingestor.IngestAsync(client, [original], null, default))[0]);
        Assert.Equal(StoreOutcome.Duplicate, (await _ingestor.IngestAsync(client, [original], null, default))[0]);
        Assert.Equal(StoreOutcome.Conflict, (await _ingestor.IngestAsync(client, [conflicting], null, default))[0]);
        Assert.Single(await StoredEvents.IdsAsync(_postgres.ConnectionString, client));
    }

    [Fact]
    public async Task AnEventRepeatedInOneRequestIsStoredOnceAndTheFirstOccurrenceIsTheOneAccepted()
    {
        // Many such requests at once keep the four writer loops racing for the queue, so a race
        // deciding which occurrence is stored would show.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            var client = $"client-{Guid.NewGuid():N}";
            var original = NewEvent();
            var other = NewEvent();
            var changed = NewEvent("""{"n":2}""", original.EventId);
            var answers = await _ingestor.IngestAsync(client, [original, other, original, changed, other], null, default);
            return (answers, stored: (await StoredEvents.IdsAsync(_postgres.ConnectionString, client)).Count);
        }));

        Assert.All(outcomes, outcome =>
        {
            Assert.Equal([StoreOutcome.Accepted, StoreOutcome.Accepted, StoreOutcome.Duplicate, StoreOutcome.Conflict, StoreOutcome.Duplicate], outcome.answers);
            Assert.Equal(2, outcome.stored);
        });
    }

    [Fact]
    public async Task TwoClientsMayUseTheSameEventIdWithoutSeeingEachOther()
    {
        var shared = NewEvent();

        var first = await _ingestor.IngestAsync($"a-{Guid.NewGuid():N}", [shared], null, default);
        var second = await _ingestor.IngestAsync($"b-{Guid.NewGuid():N}", [NewEvent("""{"other":true}""", shared.EventId)], null, default);

        Assert.Equal(StoreOutcome.Accepted, first[0]);
        Assert.Equal(StoreOutcome.Accepted, second[0]);
    }

    [Fact]
    public async Task AcknowledgedEventsSurviveAPostgresCrashAndWritingResumesByItself()
    {
        var client = $"client-{Guid.NewGuid():N}";
        var results = new System.Collections.Concurrent.ConcurrentBag<(string Id, StoreOutcome Outcome)>();
        using var stop = new CancellationTokenSource();

        async Task SendUntilStoppedAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var incoming = NewEvent();
                results.Add((incoming.EventId, (await _ingestor.IngestAsync(client, [incoming], null, default))[0]));
            }
        }

        var senders = Enumerable.Range(0, 8).Select(_ => Task.Run(SendUntilStoppedAsync)).ToArray();
        await Eventually.UntilAsync(() => results.Count(r => r.Outcome == StoreOutcome.Accepted) >= 500);
        _postgres.Kill();
        await Eventually.UntilAsync(() => results.Any(r => r.Outcome == StoreOutcome.Unavailable));
        await Task.Delay(1000);
        await _postgres.StartAsync();
        var acceptedBeforeRecovery = results.Count(r => r.Outcome == StoreOutcome.Accepted);
        await Eventually.UntilAsync(() => results.Count(r => r.Outcome == StoreOutcome.Accepted) >= acceptedBeforeRecovery + 500);
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        var stored = (await StoredEvents.IdsAsync(_postgres.ConnectionString, client)).ToHashSet();
        var acknowledged = results.Where(r => r.Outcome == StoreOutcome.Accepted).Select(r => r.Id).ToList();
        Assert.All(acknowledged, id => Assert.Contains(id, stored));
        Assert.Subset(results.Select(r => r.Id).ToHashSet(), stored);
        Assert.DoesNotContain(results, r => r.Outcome is StoreOutcome.Conflict or StoreOutcome.Duplicate);
    }
}
