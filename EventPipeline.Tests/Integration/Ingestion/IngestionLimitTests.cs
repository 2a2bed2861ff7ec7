using System.Net;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;

namespace EventPipeline.Tests.Integration.Ingestion;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class IngestionLimitTests(ApiFactory api)
{
    [Fact]
    public async Task AnEmptyBucketRefusesAnEventWith429RetryAfterAndTheOriginalsFields()
    {
        var client = await IngestingClient.RegisterAsync(api);
        await client.SetLimitAsync(capacity: 2, refill: 0.01);

        using var first = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()));
        using var second = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()));
        using var refused = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var problem = await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("rate limit exceeded", problem.GetProperty("error").GetString());
        Assert.True(problem.GetProperty("retry_after").GetInt32() >= 1);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.True(refused.Headers.Contains("RateLimit"));
    }

    [Fact]
    public async Task ABatchLargerThanTheTokensLeftStoresWhatFitsAndMarksTheRestRateLimited()
    {
        var client = await IngestingClient.RegisterAsync(api);
        await client.SetLimitAsync(capacity: 5, refill: 0.01);
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToArray();
        var body = "{\"events\":[" + string.Join(",", ids.Select(id => IngestingClient.Event(id))) + "]}";

        using var response = await client.PostAsync("/v1/events/batch", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var results = answer.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Repeat("accepted", 5).Concat(Enumerable.Repeat("rate_limited", 3)),
            results.Select(r => r.GetProperty("status").GetString()));
        Assert.All(results.Skip(5), r => Assert.True(r.GetProperty("retry_after").GetInt32() >= 1));

        using var stored = await client.GetAsync($"/v1/events/{ids[4]}");
        using var notStored = await client.GetAsync($"/v1/events/{ids[5]}");
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notStored.StatusCode);
    }

    [Fact]
    public async Task ABatchMeetingAnEmptyBucketIsRefusedWholeWith429()
    {
        var client = await IngestingClient.RegisterAsync(api);
        await client.SetLimitAsync(capacity: 1, refill: 0.01);
        using var spend = await client.PostAsync("/v1/events", IngestingClient.Event(Guid.NewGuid()));

        using var response = await client.PostAsync("/v1/events/batch",
            "{\"events\":[" + IngestingClient.Event(Guid.NewGuid()) + "]}");

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
    }
}
