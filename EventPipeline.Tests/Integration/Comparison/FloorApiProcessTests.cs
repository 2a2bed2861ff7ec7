using System.Net;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;

namespace EventPipeline.Tests.Integration.Comparison;

/// <summary>
/// bench/FloorApi started as the floor section starts it, against real PostgreSQL and Redis: its own
/// entry point composes the API with the floor modes (the in-process <see cref="ComparisonModeTests"/>
/// add the modes to the API's Program instead, so they cannot catch a broken start path).
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class FloorApiProcessTests(LocalPostgresServer postgres, LocalRedisServer redis)
    : IClassFixture<LocalPostgresServer>, IClassFixture<LocalRedisServer>
{
    private readonly LocalPostgresServer _postgres = postgres;
    private readonly LocalRedisServer _redis = redis;

    [Fact]
    public async Task TheFloorModeStartsFromItsOwnEntryPointAndCommitsEachEventWithEvalPerDecision()
    {
        await using var floor = await FloorApiProcess.StartAsync(_postgres, _redis, writeMode: "PerRequest", scriptCaching: false);
        using var http = floor.CreateClient();
        const string clientId = "floor-process-1";
        var secret = await http.RegisterClientAsync(clientId, "events:write");
        var token = await http.GetTokenAsync(clientId, secret);

        var events = string.Join(",", Enumerable.Range(0, 5).Select(_ => FloorEvidence.Event(Guid.NewGuid())));
        using var batch = await FloorEvidence.PostAsync(http, token, "/v1/events/batch", $$"""{"events":[{{events}}]}""");
        using var single = await FloorEvidence.PostAsync(http, token, "/v1/events", FloorEvidence.Event(Guid.NewGuid()));

        Assert.True(batch.StatusCode == HttpStatusCode.OK, $"{batch.StatusCode}: {await batch.Content.ReadAsStringAsync()}\n{floor.RecentOutput()}");
        Assert.True(single.StatusCode == HttpStatusCode.Accepted, $"{single.StatusCode}: {await single.Content.ReadAsStringAsync()}\n{floor.RecentOutput()}");
        var (rows, transactions) = await FloorEvidence.RowsAndTransactionsAsync(_postgres.ConnectionString, clientId);
        Assert.Equal(6, rows);
        Assert.Equal(rows, transactions);
        var (eval, evalSha) = await FloorEvidence.ScriptCallsAsync(_redis.ConnectionString);
        Assert.True(eval >= 2, $"EVAL was called {eval} times");
        Assert.Equal(0, evalSha);
        Assert.Contains("Comparison mode for benchmarks only: Ingestion:WriteMode=PerRequest", floor.Output(), StringComparison.Ordinal);
    }
}
