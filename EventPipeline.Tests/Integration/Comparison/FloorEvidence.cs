using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.Comparison;

/// <summary>What shows the floor modes at work: one transaction per stored event, EVAL instead of EVALSHA.</summary>
internal static class FloorEvidence
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string token, string path, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    public static string Event(Guid id) => $$$"""{"event_id":"{{{id}}}","source":"floor","payload":{"n":1}}""";

    /// <summary>Rows written by one transaction share its xmin: as many distinct xmins as rows means one commit per event.</summary>
    public static async Task<(long Rows, long Transactions)> RowsAndTransactionsAsync(string postgres, string clientId)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*), count(DISTINCT xmin::text) FROM events WHERE client_id = @client", connection);
        command.Parameters.AddWithValue("client", clientId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static async Task<(long Eval, long EvalSha)> ScriptCallsAsync(string redisConnection)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(redisConnection + ",allowAdmin=true");
        var stats = (await redis.GetServers()[0].InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        return (Calls(stats, "cmdstat_eval"), Calls(stats, "cmdstat_evalsha"));
    }

    // A line reads "calls=12,usec=...,..."; a command never called has no line.
    private static long Calls(Dictionary<string, string> stats, string command) =>
        stats.TryGetValue(command, out var line)
            ? long.Parse(line.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : 0;
}
