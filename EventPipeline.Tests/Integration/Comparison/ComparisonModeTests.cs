using System.Net;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;

namespace EventPipeline.Tests.Integration.Comparison;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ComparisonModeTests(ComparisonModeApiFactory api) : IClassFixture<ComparisonModeApiFactory>
{
    [Fact]
    public async Task PerRequestModeCommitsEveryEventInItsOwnTransaction()
    {
        var (http, clientId, token) = await RegisterAsync();
        var events = string.Join(",", Enumerable.Range(0, 20).Select(_ => FloorEvidence.Event(Guid.NewGuid())));

        using var response = await FloorEvidence.PostAsync(http, token, "/v1/events/batch", $$"""{"events":[{{events}}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (rows, transactions) = await FloorEvidence.RowsAndTransactionsAsync(api.Postgres.ConnectionString, clientId);
        Assert.Equal(20, rows);
        // Rows written by one transaction share its xmin: one distinct xmin per row means one commit per event.
        Assert.Equal(rows, transactions);
    }

    [Fact]
    public async Task ScriptCachingOffSendsEvalWithTheScriptAndNeverEvalsha()
    {
        var (http, _, token) = await RegisterAsync();
        var before = await FloorEvidence.ScriptCallsAsync(api.Redis.ConnectionString);

        for (var i = 0; i < 5; i++)
        {
            using var response = await FloorEvidence.PostAsync(http, token, "/v1/events", FloorEvidence.Event(Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(response.Headers.Contains("RateLimit"), "the decision came from Redis, so quota headers are present");
        }

        var after = await FloorEvidence.ScriptCallsAsync(api.Redis.ConnectionString);
        Assert.True(after.Eval - before.Eval >= 5, $"EVAL calls went from {before.Eval} to {after.Eval}");
        Assert.Equal(0, after.EvalSha);
    }

    private async Task<(HttpClient Http, string ClientId, string Token)> RegisterAsync()
    {
        var http = api.CreateClient();
        var clientId = $"floor-{Guid.NewGuid():N}"[..24];
        var secret = await http.RegisterClientAsync(clientId, "events:write");
        return (http, clientId, await http.GetTokenAsync(clientId, secret));
    }
}
