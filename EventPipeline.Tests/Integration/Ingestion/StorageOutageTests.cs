using System.Collections.Concurrent;
using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Ingestion;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class StorageOutageTests(ApiFactory api)
{
    [Fact]
    public async Task PostgresKilledMidLoadLosesNoAcknowledgedEventGivesNo500AndRecoversByItself()
    {
        var client = await IngestingClient.RegisterAsync(api);
        await client.RaiseLimitAsync();
        var answers = new ConcurrentBag<(Guid Id, HttpStatusCode Status)>();
        using var stop = new CancellationTokenSource();

        async Task SendUntilStoppedAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid();
                using var response = await client.PostAsync("/v1/events", IngestingClient.Event(id));
                answers.Add((id, response.StatusCode));
            }
        }

        var senders = Enumerable.Range(0, 8).Select(_ => Task.Run(SendUntilStoppedAsync)).ToArray();
        await Eventually.UntilAsync(() => Count(HttpStatusCode.Accepted) >= 300);
        api.Postgres.Kill();
        await Eventually.UntilAsync(() => Count(HttpStatusCode.ServiceUnavailable) >= 20);
        await Task.Delay(1000);
        await api.Postgres.StartAsync();
        var acceptedBeforeRecovery = Count(HttpStatusCode.Accepted);
        await Eventually.UntilAsync(() => Count(HttpStatusCode.Accepted) >= acceptedBeforeRecovery + 300);
        await stop.CancelAsync();
        await Task.WhenAll(senders);
        // The next test of this collection must not meet a writer loop still holding a dead connection.
        var recovery = await IngestingClient.RegisterAsync(api);
        await recovery.RaiseLimitAsync();
        await WriterRecovery.WaitUntilEveryLoopStoresAsync(async () =>
        {
            using var response = await recovery.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()));
            return response.StatusCode;
        });

        var statuses = answers.GroupBy(a => a.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(statuses.Keys.All(s => s is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable),
            "Only 202 and 503 may answer while PostgreSQL is down; got " + string.Join(", ", statuses.Select(s => $"{(int)s.Key}×{s.Value}")));
        var stored = (await StoredEvents.IdsAsync(api.Postgres.ConnectionString, client.ClientId)).Select(Guid.Parse).ToHashSet();
        Assert.All(answers.Where(a => a.Status == HttpStatusCode.Accepted), a => Assert.Contains(a.Id, stored));
        Assert.Subset(answers.Select(a => a.Id).ToHashSet(), stored);

        int Count(HttpStatusCode status) => answers.Count(a => a.Status == status);
    }
}
