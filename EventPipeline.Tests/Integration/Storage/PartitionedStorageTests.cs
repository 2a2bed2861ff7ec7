using EventPipeline.Api.Database;
using EventPipeline.Api.Events.Store;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace EventPipeline.Tests.Integration.Storage;

// Each test stands at its own time, years apart, so one test's retention pass only drops
// partitions of tests that have already finished (tests of one class run one after another).
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class PartitionedStorageTests(LocalPostgresServer postgres) : IClassFixture<LocalPostgresServer>, IAsyncLifetime
{
    private static readonly StorageOptions s_hourly = new() { PartitionInterval = PartitionInterval.Hourly, PartitionsAhead = 3, RetentionDays = 1 };
    private static readonly StorageOptions s_daily = new() { PartitionInterval = PartitionInterval.Daily, PartitionsAhead = 2, RetentionDays = 30 };

    public async Task InitializeAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
        await new DatabaseMigrator(dataSource, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(MigrationScript.LoadEmbedded(), default);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<ClockedStore> At(string time, StorageOptions options) =>
        ClockedStore.StartAsync(postgres.ConnectionString, DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), options);

    private static string NewClient() => $"client-{Guid.NewGuid():N}";

    [Fact]
    public async Task PartitionsAreCreatedAheadOfTheCurrentOneAndASecondPassCreatesNothing()
    {
        await using var store = await At("2031-05-06T10:30:00Z", s_hourly);

        var first = await store.Maintainer.RunAsync(default);
        var second = await store.Maintainer.RunAsync(default);

        Assert.Equal(["events_p2031050610", "events_p2031050611", "events_p2031050612", "events_p2031050613"],
            first.Created.Where(n => n.StartsWith("events_", StringComparison.Ordinal)));
        Assert.Equal(["event_keys_p20310506", "event_keys_p20310507", "event_keys_p20310508"],
            first.Created.Where(n => n.StartsWith("event_keys_", StringComparison.Ordinal)));
        Assert.Empty(second.Created);
        var events = await PartitionsAsync(store, "events");
        Assert.Contains(events, p => p.Name == "events_p2031050613"
            && p.Start == new DateTimeOffset(2031, 5, 6, 13, 0, 0, TimeSpan.Zero) && p.End == new DateTimeOffset(2031, 5, 6, 14, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task EventsOnBothSidesOfAPartitionBoundaryAreStoredThereAndReadBackAcrossIt()
    {
        var client = NewClient();
        await using var before = await At("2032-01-10T10:59:59Z", s_hourly);
        await using var after = await At("2032-01-10T11:00:01Z", s_hourly);
        await before.Maintainer.RunAsync(default);

        Assert.Equal(StoreOutcome.Accepted, await before.IngestAsync(client, ClockedStore.Event("order-1-created")));
        Assert.Equal(StoreOutcome.Accepted, await after.IngestAsync(client, ClockedStore.Event("order-1-paid")));

        Assert.Equal(["events_p2032011010", "events_p2032011011"], await PartitionsHoldingAsync(before, client));
        var firstPage = await before.Reader.ListAsync(client, new EventListQuery { Limit = 1 }, default);
        var secondPage = await before.Reader.ListAsync(client, new EventListQuery { Limit = 1, Cursor = firstPage.NextCursor }, default);
        Assert.Equal("order-1-paid", Assert.Single(firstPage.Events).EventId);
        Assert.Equal("order-1-created", Assert.Single(secondPage.Events).EventId);
        Assert.Null(secondPage.NextCursor);
        var sinceBoundary = await before.Reader.ListAsync(client, new EventListQuery { Since = new DateTimeOffset(2032, 1, 10, 11, 0, 0, TimeSpan.Zero) }, default);
        Assert.Equal(["order-1-paid"], sinceBoundary.Events.Select(e => e.EventId));
        Assert.Equal(new DateTimeOffset(2032, 1, 10, 10, 59, 59, TimeSpan.Zero), (await after.Reader.GetAsync(client, "order-1-created", default))!.ReceivedAt);
    }

    [Fact]
    public async Task AListingSinceATimeReadsOnlyThePartitionsFromThatTimeOn()
    {
        await using var store = await At("2032-06-01T10:30:00Z", s_hourly);
        await store.Maintainer.RunAsync(default);

        await using var command = store.Reader.ListCommand(NewClient(), new EventListQuery { Since = new DateTimeOffset(2032, 6, 1, 12, 15, 0, TimeSpan.Zero) });
        command.CommandText = "EXPLAIN (COSTS OFF) " + command.CommandText;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var scanned = string.Join('\n', plan);
        Assert.Contains("events_p2032060112", scanned);
        Assert.Contains("events_p2032060113", scanned);
        Assert.DoesNotContain("events_p2032060110", scanned);
        Assert.DoesNotContain("events_p2032060111", scanned);
    }

    [Fact]
    public async Task ARetryAcrossAPartitionAndDayBoundaryIsADuplicateAndOtherContentIsAConflict()
    {
        var client = NewClient();
        await using var lastSecond = await At("2033-02-01T23:59:59Z", s_daily);
        await using var nextDay = await At("2033-02-02T00:00:01Z", s_daily);
        await using var almostADayLater = await At("2033-02-02T23:59:58Z", s_daily);
        await lastSecond.Maintainer.RunAsync(default);
        var original = ClockedStore.Event("abc-123", """{"n":1}""");
        var changed = ClockedStore.Event("abc-123", """{"n":2}""");

        Assert.Equal(StoreOutcome.Accepted, await lastSecond.IngestAsync(client, original));
        Assert.Equal(StoreOutcome.Duplicate, await nextDay.IngestAsync(client, original));
        Assert.Equal(StoreOutcome.Conflict, await nextDay.IngestAsync(client, changed));
        Assert.Equal(StoreOutcome.Duplicate, await almostADayLater.IngestAsync(client, original));
        Assert.Equal(StoreOutcome.Conflict, await almostADayLater.IngestAsync(client, changed));

        Assert.Equal(["events_p20330201"], await PartitionsHoldingAsync(lastSecond, client));
    }

    [Fact]
    public async Task AnIdReusedLaterThanTheDedupWindowIsStoredAsANewEvent()
    {
        var client = NewClient();
        await using var first = await At("2034-03-01T12:00:00Z", s_daily);
        await using var twoDaysLater = await At("2034-03-03T12:00:00Z", s_daily);
        await first.Maintainer.RunAsync(default);
        Assert.Equal(StoreOutcome.Accepted, await first.IngestAsync(client, ClockedStore.Event("reused")));
        await twoDaysLater.Maintainer.RunAsync(default);

        Assert.Equal(StoreOutcome.Accepted, await twoDaysLater.IngestAsync(client, ClockedStore.Event("reused", """{"n":2}""")));

        Assert.Equal("""{"n": 2}""", (await twoDaysLater.Reader.GetAsync(client, "reused", default))!.Payload);
    }

    [Fact]
    public async Task RetentionDropsExactlyTheExpiredPartitionsWhileEventsKeepArriving()
    {
        var client = NewClient();
        foreach (var hour in new[] { "00:30", "04:30" })
        {
            await using var maintaining = await At($"2035-03-01T{hour}:00Z", s_hourly);
            await maintaining.Maintainer.RunAsync(default);
        }
        foreach (var hour in new[] { "00:30", "03:30", "05:30", "06:30" })
        {
            await using var writing = await At($"2035-03-01T{hour}:00Z", s_hourly);
            Assert.Equal(StoreOutcome.Accepted, await writing.IngestAsync(client, ClockedStore.Event($"at-{hour}")));
        }
        await using var dayLater = await At("2035-03-02T05:10:00Z", s_hourly);
        await using (var keepingAll = await At("2035-03-02T05:10:00Z", new StorageOptions { PartitionInterval = PartitionInterval.Hourly, RetentionDays = 30 }))
        {
            await keepingAll.Maintainer.RunAsync(default);
        }

        var liveClient = NewClient();
        var written = 0;
        using var stop = new CancellationTokenSource();
        var arriving = Task.Run(async () =>
        {
            var outcomes = new List<StoreOutcome>();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                outcomes.Add(await dayLater.IngestAsync(liveClient, ClockedStore.Event($"live-{i}")));
                Interlocked.Increment(ref written);
            }
            return outcomes;
        });
        await Eventually.UntilAsync(() => Volatile.Read(ref written) >= 20);
        var report = await dayLater.Maintainer.RunAsync(default);
        var writtenDuringMaintenance = Volatile.Read(ref written);
        await Eventually.UntilAsync(() => Volatile.Read(ref written) >= writtenDuringMaintenance + 20);
        await stop.CancelAsync();
        var live = await arriving;

        // The cutoff is 2035-03-01T05:10Z: partitions ending by then go, the one holding it stays.
        Assert.Equal(["events_p2035030100", "events_p2035030101", "events_p2035030102", "events_p2035030103", "events_p2035030104"],
            report.Dropped.Where(n => n.StartsWith("events_p203503", StringComparison.Ordinal)).Order());
        Assert.Equal(["at-05:30", "at-06:30"], (await StoredEvents.IdsAsync(postgres.ConnectionString, client)).Order());
        Assert.All(live, outcome => Assert.Equal(StoreOutcome.Accepted, outcome));
        Assert.Equal(live.Count, (await StoredEvents.IdsAsync(postgres.ConnectionString, liveClient)).Count);
    }

    private static async Task<List<TimePartition>> PartitionsAsync(ClockedStore store, string parent)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync();
        return (await PartitionCatalog.ReadAsync(connection, parent, default)).Select(p => p.Partition).ToList();
    }

    private static async Task<List<string>> PartitionsHoldingAsync(ClockedStore store, string client)
    {
        await using var command = store.DataSource.CreateCommand("SELECT DISTINCT tableoid::regclass::text FROM events WHERE client_id = @client ORDER BY 1");
        command.Parameters.AddWithValue("client", client);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }
}
