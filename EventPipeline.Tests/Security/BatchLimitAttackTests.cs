using System.Net;
using System.Text;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>Issue 14, item 3: a batch is no way around the limits a single event has.</summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class BatchLimitAttackTests(SecurityApi api)
{
    private const int MaxEventBytes = 64 * 1024;

    [Fact]
    public async Task A900KibEventInsideABatchIsInvalidAndNotStoredAsItIs413Alone()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-batch-oversized");
        var huge = Guid.NewGuid();
        var small = Guid.NewGuid();
        var hugeEvent = Event(huge, new string('x', 900 * 1024));

        using var alone = await SecurityHttp.PostJsonAsync(api, "/v1/events", token, Encoding.UTF8.GetBytes(hugeEvent));
        using var batch = await SecurityHttp.PostJsonAsync(api, "/v1/events/batch", token,
            Encoding.UTF8.GetBytes($"{{\"events\":[{hugeEvent},{Event(small, "fine")}]}}"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, alone.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        using var answer = await JsonDocument.ParseAsync(await batch.Content.ReadAsStreamAsync());
        var results = answer.RootElement.GetProperty("results");
        Assert.Equal("invalid", results[0].GetProperty("status").GetString());
        Assert.Contains($"{MaxEventBytes} bytes", results[0].GetProperty("errors").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("accepted", results[1].GetProperty("status").GetString());
        using var stored = await SecurityHttp.SendAsync(api, HttpMethod.Get, $"/v1/events/{huge}", token);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    [Fact]
    public async Task BatchesOfOnlyInvalidEventsAreChargedCarryTheHeadersAndMeet429()
    {
        const int capacity = 5;
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-batch-invalid");
        await SecurityHttp.SetClientLimitAsync(api, "sec-batch-invalid", capacity, 0.001);
        var invalidBatch = Encoding.UTF8.GetBytes("{\"events\":[{\"event_id\":\"not-a-uuid\"},{\"source\":7}]}");

        var remaining = new List<string>();
        for (var i = 0; i < capacity - 1; i++)
        {
            using var response = await SecurityHttp.PostJsonAsync(api, "/v1/events/batch", token, invalidBatch);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            remaining.Add(SecurityHttp.Header(response, "X-RateLimit-Remaining"));
            Assert.Contains("\"ingest-batch\"", SecurityHttp.Header(response, "RateLimit-Policy"), StringComparison.Ordinal);
        }
        using var malformed = await SecurityHttp.PostJsonAsync(api, "/v1/events/batch", token, "{\"events\":"u8.ToArray());
        using var refused = await SecurityHttp.PostJsonAsync(api, "/v1/events/batch", token, invalidBatch);

        Assert.Equal(["4", "3", "2", "1"], remaining);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("0", SecurityHttp.Header(malformed, "X-RateLimit-Remaining"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task AFewKilobytesOfGzipNamingThousandsOfUnknownFieldsGetASmallAnswer()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-batch-echo");
        await SecurityHttp.SetClientLimitAsync(api, "sec-batch-echo", 100_000, 100_000);
        // 500 events of about 2 KB, each with 150 unknown fields: nearly the largest batch, inflated.
        var fields = string.Join(",", Enumerable.Range(0, 150).Select(i => $"\"f{i:0000}\":0"));
        var batch = Encoding.UTF8.GetBytes("{\"events\":[" + string.Join(",", Enumerable.Range(0, 500).Select(_ => "{" + fields + "}")) + "]}");
        var single = Encoding.UTF8.GetBytes("{" + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"\"f{i:0000}\":0")) + "}");

        using var batchAnswer = await SecurityHttp.PostJsonAsync(api, "/v1/events/batch", token, batch, gzip: true);
        using var singleAnswer = await SecurityHttp.PostJsonAsync(api, "/v1/events", token, single, gzip: true);
        var batchBytes = (await batchAnswer.Content.ReadAsByteArrayAsync()).Length;
        var singleBytes = (await singleAnswer.Content.ReadAsByteArrayAsync()).Length;

        Assert.True(SecurityHttp.Gzip(batch).Length < 16 * 1024, "the attack body is a few KB of gzip");
        Assert.Equal(HttpStatusCode.OK, batchAnswer.StatusCode);
        Assert.True(batchBytes < 256 * 1024, $"The batch answer took {batchBytes} bytes for a {batch.Length}-byte body.");
        Assert.Equal(HttpStatusCode.BadRequest, singleAnswer.StatusCode);
        Assert.True(singleBytes < 2 * 1024, $"The single event's answer took {singleBytes} bytes.");
    }

    private static string Event(Guid id, string text) =>
        $"{{\"event_id\":\"{id}\",\"source\":\"sec\",\"payload\":{{\"text\":\"{text}\"}}}}";
}
