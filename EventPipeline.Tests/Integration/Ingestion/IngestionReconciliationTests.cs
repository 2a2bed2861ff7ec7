using System.Collections.Concurrent;
using System.Net;
using EventPipeline.Tests.Infrastructure;
using Npgsql;

namespace EventPipeline.Tests.Integration.Ingestion;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class IngestionReconciliationTests(ApiFactory api)
{
    [Fact]
    public async Task EveryAcknowledgedIdIsStoredOnceAndNothingUnknownIsStored()
    {
        var client = await IngestingClient.RegisterAsync(api);
        await client.RaiseLimitAsync();
        var sent = Enumerable.Range(0, 3000).Select(_ => Guid.NewGuid()).ToArray();
        var acknowledged = new ConcurrentBag<Guid>();

        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (id, _) =>
        {
            using var response = await client.PostAsync("/v1/events", IngestingClient.Event(id));
            if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
            {
                acknowledged.Add(id);
            }
        });

        await using var connection = new NpgsqlConnection(api.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT event_id, count(*) OVER (PARTITION BY event_id) FROM events WHERE client_id = @c", connection);
        command.Parameters.AddWithValue("c", client.ClientId);
        var stored = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                Assert.Equal(1, reader.GetInt64(1));
                stored.Add(Guid.Parse(reader.GetString(0)));
            }
        }

        Assert.Equal(sent.Length, acknowledged.Count);
        Assert.Equal(acknowledged.Order(), stored.Order());
    }
}
