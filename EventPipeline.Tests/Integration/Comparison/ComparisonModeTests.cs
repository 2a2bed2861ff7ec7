using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;
using Npgsql;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.Comparison;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ComparisonModeTests(ComparisonModeApiFactory api) : IClassFixture<ComparisonModeApiFactory>
{
    [Fact]
    public async Task PerRequestModeCommitsEveryEventInItsOwnTransaction()
    {
        var (http, clientId, token) = await RegisterAsync();
        var events = string.Join(",", Enumerable.Range(0, 20).Select(_ => Event(Guid.NewGuid())));

        using var response = await PostAsync(http, token, "/v1/events/batch", $$"""{"events":[{{events}}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (rows, transactions) = await RowsAndTransactionsAsync(clientId);
        Assert.Equal(20, rows);
        // Rows written by one transaction share its xmin: one distinct xmin per row means one commit per event.
        Assert.Equal(rows, transactions);
    }

    [Fact]
    public async Task ScriptCachingOffSendsEvalWithTheScriptAndNeverEvalsha()
    {
        var (http, _, token) = await RegisterAsync();
        var before = await ScriptCallsAsync();

        for (var i = 0; i < 5; i++)
        {
            using var response = await PostAsync(http, token, "/v1/events", Event(Guid.NewGuid()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.True(response.Headers.Contains("RateLimit"), "the decision came from Redis, so quota headers are present");
        }

        var after = await ScriptCallsAsync();
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

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string token, string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    private static string Event(Guid id) => $$$"""{"event_id":"{{{id}}}","source":"floor","payload":{"n":1}}""";

    private async Task<(long Rows, long Transactions)> RowsAndTransactionsAsync(string clientId)
    {
        await using var connection = new NpgsqlConnection(api.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT xmin::text) FROM events WHERE client_id = @client", connection);
        command.Parameters.AddWithValue("client", clientId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<(long Eval, long EvalSha)> ScriptCallsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(api.Redis.ConnectionString + ",allowAdmin=true");
        var stats = (await redis.GetServers()[0].InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return (Calls(stats, "cmdstat_eval"), Calls(stats, "cmdstat_evalsha"));
    }

    // A line reads "calls=12,usec=...,..."; a command never called has no line.
    private static long Calls(Dictionary<string, string> stats, string command) =>
        stats.TryGetValue(command, out var line)
            ? long.Parse(line.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
