using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;
using EventPipeline.Tests.Integration.Ingestion;

namespace EventPipeline.Tests.Integration.LiveStats;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LiveApiTests(ApiFactory api)
{
    [Fact]
    public async Task TheSnapshotCountsDecisionsWithTheOriginalsFields()
    {
        var client = await IngestingClient.RegisterAsync(api);
        using var stored = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()));
        var http = api.CreateClientWithOwnAddress();
        var admin = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);

        JsonElement snapshot = default;
        await Eventually.UntilAsync(() =>
        {
            using var response = http.GetWithTokenAsync("/v1/live/snapshot", admin).GetAwaiter().GetResult();
            using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            snapshot = json.RootElement.Clone();
            return snapshot.GetProperty("allowed_total").GetInt64() > 0;
        }, seconds: 15);

        Assert.True(snapshot.TryGetProperty("blocked_total", out _));
        Assert.Equal(100, snapshot.GetProperty("bucket_size").GetDouble());
        Assert.Equal(10, snapshot.GetProperty("refill_rate").GetDouble());
        Assert.NotEmpty(snapshot.GetProperty("replicas").EnumerateArray());
    }

    [Fact]
    public async Task LatencyRecordedOnThisReplicaReachesTheSnapshotThroughRedis()
    {
        var client = await IngestingClient.RegisterAsync(api);
        var http = api.CreateClientWithOwnAddress();
        var admin = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);

        JsonElement ingest = default;
        JsonElement redis = default;
        await Eventually.UntilAsync(() =>
        {
            // Posted on every try: the snapshot's latency covers the last ten seconds only.
            using var stored = client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid())).GetAwaiter().GetResult();
            using var response = http.GetWithTokenAsync("/v1/live/snapshot", admin).GetAwaiter().GetResult();
            using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
            ingest = json.RootElement.GetProperty("ingest_latency_ms").Clone();
            redis = json.RootElement.GetProperty("redis_latency_ms").Clone();
            return ingest.GetProperty("count").GetInt64() > 0 && redis.GetProperty("count").GetInt64() > 0;
        }, seconds: 15);

        Assert.True(ingest.GetProperty("p50").GetDouble() > 0);
        Assert.True(ingest.GetProperty("p99").GetDouble() >= ingest.GetProperty("p50").GetDouble());
        Assert.True(redis.GetProperty("p99").GetDouble() > 0);
    }

    [Fact]
    public async Task AnonymousCallersAndOtherScopesAreRefused()
    {
        var reader = await IngestingClient.RegisterAsync(api, "events:read");

        using var anonymous = await api.CreateClientWithOwnAddress().GetAsync("/v1/live/stream");
        using var notAdmin = await reader.GetAsync("/v1/live/stream");

        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await notAdmin.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ABrowserOnAForeignOriginIsRefused()
    {
        var http = api.CreateClientWithOwnAddress();
        var admin = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/live/snapshot");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await http.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheStreamPushesSnapshotsAsServerSentEvents()
    {
        var http = api.CreateClientWithOwnAddress();
        var admin = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/live/stream");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var events = new List<string>();
        while (events.Count < 2 && await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.All(events, data => Assert.True(JsonDocument.Parse(data).RootElement.TryGetProperty("allowed_total", out _)));
    }
}
