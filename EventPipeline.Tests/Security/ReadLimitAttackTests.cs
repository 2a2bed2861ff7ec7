using System.Net;
using System.Text;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>Issue 14, item 4: reads have their own limit, and a page is bounded in bytes as well as rows.</summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class ReadLimitAttackTests(SecurityApi api)
{
    private const int ReadCapacity = 100;
    private const int PageBytes = 1024 * 1024;

    [Fact]
    public async Task ReadingInALoopMeets429FromTheReadBucketWhileIngestionKeepsItsTokens()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-read-loop");
        var statuses = new List<HttpStatusCode>();
        var policy = "";
        for (var i = 0; i < ReadCapacity + 1; i++)
        {
            using var response = await SecurityHttp.SendAsync(api, HttpMethod.Get, i % 2 == 0 ? "/v1/events?limit=1" : $"/v1/events/{Guid.NewGuid()}", token);
            statuses.Add(response.StatusCode);
            policy = SecurityHttp.Header(response, "RateLimit-Policy");
        }
        using var write = await SecurityHttp.PostJsonAsync(api, "/v1/events", token,
            Encoding.UTF8.GetBytes($"{{\"event_id\":\"{Guid.NewGuid()}\",\"source\":\"sec\",\"payload\":{{}}}}"));

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(ReadCapacity));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.StartsWith($"\"read\";q={ReadCapacity}", policy, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, write.StatusCode);
        Assert.StartsWith("\"ingest\"", SecurityHttp.Header(write, "RateLimit-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageOfLargeEventsStopsAtAMebibyteAndTheCursorStillReachesEveryEvent()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-read-pages");
        var stored = new HashSet<Guid>();
        for (var batch = 0; batch < 3; batch++)
        {
            var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
            var events = ids.Select(id => $"{{\"event_id\":\"{id}\",\"source\":\"big\",\"payload\":{{\"text\":\"{new string('y', 60 * 1024)}\"}}}}");
            using var response = await SecurityHttp.PostJsonAsync(api, "/v1/events/batch", token, Encoding.UTF8.GetBytes("{\"events\":[" + string.Join(",", events) + "]}"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            stored.UnionWith(ids);
        }

        var seen = new List<Guid>();
        var pages = new List<int>();
        string? cursor = null;
        do
        {
            using var response = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/events?limit=500" + (cursor is null ? "" : "&cursor=" + cursor), token);
            var body = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(body.Length);
            using var page = JsonDocument.Parse(body);
            seen.AddRange(page.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_id").GetGuid()));
            cursor = page.RootElement.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        Assert.True(pages.Count >= 3, $"{stored.Count} events of 60 KiB came in {pages.Count} pages.");
        Assert.All(pages, bytes => Assert.True(bytes < PageBytes + (64 * 1024), $"A page of {bytes} bytes."));
        Assert.Equal(stored.Count, seen.Count);
        Assert.Equal(stored, seen.ToHashSet());
    }
}
