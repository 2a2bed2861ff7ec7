using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;

namespace EventPipeline.Tests.Integration.Ingestion;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class EventsApiTests(ApiFactory api)
{
    [Fact]
    public async Task AcceptsAnEventWith202AndReadsItBack()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var id = Guid.NewGuid();

        using var posted = await client.PostAsync("/v1/events", IngestingClient.Event(id, """{"foo":"bar","n":12345678901234567890}"""));

        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var answer = await ReadJsonAsync(posted);
        Assert.Equal("accepted", answer.GetProperty("status").GetString());
        Assert.Equal(id, answer.GetProperty("event_id").GetGuid());

        using var read = await client.GetAsync($"/v1/events/{id}");
        var stored = await ReadJsonAsync(read);
        Assert.Equal("app", stored.GetProperty("source").GetString());
        Assert.Equal("12345678901234567890", stored.GetProperty("payload").GetProperty("n").GetRawText());
    }

    [Fact]
    public async Task TheSameEventAgainIs200DuplicateAndOtherContentIs409()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var id = Guid.NewGuid();

        using var first = await client.PostAsync("/v1/events", IngestingClient.Event(id));
        using var again = await client.PostAsync("/v1/events", IngestingClient.Event(id));
        using var conflicting = await client.PostAsync("/v1/events", IngestingClient.Event(id, """{"foo":"changed"}"""));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await ReadJsonAsync(again)).GetProperty("status").GetString());
        await conflicting.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AnInvalidEventIs400ListingEveryInvalidField()
    {
        var client = await IngestingClient.RegisterAsync(api);

        using var response = await client.PostAsync("/v1/events", """{"event_id":"","payload":"text","timestamp":"soon","extra":true}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order();
        Assert.Equal(["event_id", "extra", "payload", "source", "timestamp"], fields);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"event_id":"5f0c7a39-2f4e-4c55-9a3e-1b1f3c1d2e4f","source":"a","source":"b","payload":{}}""")]
    public async Task MalformedJsonOrDuplicateNamesAre400(string body)
    {
        var client = await IngestingClient.RegisterAsync(api);

        using var response = await client.PostAsync("/v1/events", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task NestingDeeperThanThirtyTwoIs400()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40);

        using var response = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid(), deep));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ABodyOverTheSizeLimitIs413()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var big = $$"""{"blob":"{{new string('x', 70 * 1024)}}"}""";

        using var response = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid(), big));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AWrongContentTypeIs415()
    {
        var client = await IngestingClient.RegisterAsync(api);

        using var response = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()), "text/plain");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task ATokenWithoutEventsWriteIs403AndNoTokenIs401()
    {
        var reader = await IngestingClient.RegisterAsync(api, "events:read");

        using var forbidden = await reader.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()));
        using var anonymous = await api.CreateClientWithOwnAddress().PostAsync("/v1/events",
            new StringContent(IngestingClient.Event(Guid.NewGuid()), Encoding.UTF8, "application/json"));

        await forbidden.AssertProblemAsync(HttpStatusCode.Forbidden);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherClientsEventIs404AndTheSameIdStaysFreeForEachClient()
    {
        var owner = await IngestingClient.RegisterAsync(api);
        var other = await IngestingClient.RegisterAsync(api);
        var id = Guid.NewGuid();
        using var stored = await owner.PostAsync("/v1/events", IngestingClient.Event(id));

        using var probe = await other.GetAsync($"/v1/events/{id}");
        using var ownCopy = await other.PostAsync("/v1/events", IngestingClient.Event(id, """{"mine":true}"""));

        await probe.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Accepted, ownCopy.StatusCode);
        using var ownerRead = await owner.GetAsync($"/v1/events/{id}");
        Assert.Equal("bar", (await ReadJsonAsync(ownerRead)).GetProperty("payload").GetProperty("foo").GetString());
    }

    [Fact]
    public async Task ABatchAnswersEachEventInOrderAndOneBadEventSinksNoOther()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var good = Guid.NewGuid();
        var body = "{\"events\":[" + IngestingClient.Event(good) + """,{"event_id":"","source":"app","payload":{}},""" + IngestingClient.Event(good) + "]}";

        using var response = await client.PostAsync("/v1/events/batch", body);

        var results = (await ReadJsonAsync(response)).GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["accepted", "invalid", "duplicate"], results.Select(r => r.GetProperty("status").GetString()));
        Assert.Equal([0, 1, 2], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.True(results[1].GetProperty("errors").TryGetProperty("event_id", out _));
    }

    [Fact]
    public async Task AGzipBatchIsAccepted()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var ids = Enumerable.Range(0, 50).Select(_ => Guid.NewGuid()).ToArray();
        var json = "{\"events\":[" + string.Join(",", ids.Select(id => IngestingClient.Event(id))) + "]}";
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(json));
        }
        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync("/v1/events/batch", content);

        var answer = await ReadJsonAsync(response);
        Assert.Equal(50, answer.GetProperty("accepted").GetInt32());
    }

    [Fact]
    public async Task ListingPagesThroughTheClientsOwnEventsWithACursor()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Guid.NewGuid());
            using var _ = await client.PostAsync("/v1/events", IngestingClient.Event(ids[^1], source: i % 2 == 0 ? "even" : "odd"));
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            using var page = await client.GetAsync($"/v1/events?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            var json = await ReadJsonAsync(page);
            seen.AddRange(json.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_id").GetGuid()));
            cursor = json.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(ids.Order(), seen.Order());
        using var evens = await client.GetAsync("/v1/events?source=even");
        Assert.Equal(3, (await ReadJsonAsync(evens)).GetProperty("events").GetArrayLength());
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return document.RootElement.Clone();
    }
}
