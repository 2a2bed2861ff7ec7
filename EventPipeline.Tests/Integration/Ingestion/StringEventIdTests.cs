using System.Net;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Ingestion;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class StringEventIdTests(ApiFactory api)
{
    [Fact]
    public async Task TheSeedReadmeExampleIdAbc123IsAcceptedAndReadBack()
    {
        var client = await IngestingClient.RegisterAsync(api);

        using var posted = await client.PostAsync("/v1/events", """{"event_id":"abc-123","source":"app","payload":{"foo":"bar"}}""");
        using var again = await client.PostAsync("/v1/events", """{"event_id":"abc-123","source":"app","payload":{"foo":"bar"}}""");
        using var read = await client.GetAsync("/v1/events/abc-123");

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal("abc-123", (await ReadJsonAsync(posted)).GetProperty("event_id").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await ReadJsonAsync(again)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var stored = await ReadJsonAsync(read);
        Assert.Equal("abc-123", stored.GetProperty("event_id").GetString());
        Assert.Equal("bar", stored.GetProperty("payload").GetProperty("foo").GetString());
    }

    [Fact]
    public async Task IdsDerivedFromTheClientsOwnDataAreStoredInABatchAndListed()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var longest = new string('x', 127) + "é";

        using var posted = await client.PostAsync("/v1/events/batch", $$$"""
            {"events":[
              {"event_id":"order-8812-created","source":"shop","payload":{}},
              {"event_id":"order:8812/paid 🎉","source":"shop","payload":{}},
              {"event_id":"{{{longest}}}","source":"shop","payload":{}},
              {"event_id":"{{{longest}}}x","source":"shop","payload":{}},
              {"event_id":"tab\there","source":"shop","payload":{}}
            ]}
            """);
        using var listed = await client.GetAsync("/v1/events?source=shop");

        var results = (await ReadJsonAsync(posted)).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray();
        Assert.Equal(["accepted", "accepted", "accepted", "invalid", "invalid"], results);
        var ids = (await ReadJsonAsync(listed)).GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_id").GetString()!).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "order-8812-created", "order:8812/paid 🎉", longest }.Order(StringComparer.Ordinal).ToArray(), ids);
    }

    [Fact]
    public async Task AUuidSentInUpperCaseMeetsItsLowerCaseCopy()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var id = Guid.NewGuid();

        using var lower = await client.PostAsync("/v1/events", IngestingClient.Event(id));
        using var upper = await client.PostAsync("/v1/events", $$$"""{"event_id":"{{{id.ToString().ToUpperInvariant()}}}","source":"app","payload":{"foo":"bar"}}""");
        using var read = await client.GetAsync($"/v1/events/{id.ToString("B").ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.Accepted, lower.StatusCode);
        Assert.Equal(HttpStatusCode.OK, upper.StatusCode);
        Assert.Equal(id.ToString(), (await ReadJsonAsync(upper)).GetProperty("event_id").GetString());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
