using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// Thousands of random and mutated requests per run against every endpoint that reads a body, a
/// query or a header: each answer is a 2xx or a 4xx problem+json that says why, never a 5xx, and
/// the process keeps serving.
/// </summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class InputFuzzTests(KestrelApi api)
{
    [Fact]
    public async Task SingleEventsGetA2xxOrAProblem()
    {
        await FuzzRunner.AssertContractAsync(api, "event", 1500, FuzzCorpus.Event, api.WriterToken);
        await AssertStillStoresEventsAsync();
    }

    [Fact]
    public async Task BatchesPlainAndGzipGetA2xxOrAProblem()
    {
        await FuzzRunner.AssertContractAsync(api, "batch", 600, FuzzCorpus.Batch, api.WriterToken);
        await AssertStillStoresEventsAsync();
    }

    [Fact]
    public async Task TokenRequestsAndLoginsGetA2xxOrAProblem()
    {
        await FuzzRunner.AssertContractAsync(api, "token", 400, FuzzCorpus.TokenForm, api.WriterToken);
        await FuzzRunner.AssertContractAsync(api, "login", 300, FuzzCorpus.Login, api.WriterToken);
    }

    [Fact]
    public async Task AdminAndLimiterConfigBodiesGetA2xxOrAProblem()
    {
        await FuzzRunner.AssertContractAsync(api, "admin-client", 300, FuzzCorpus.AdminClient, api.AdminToken);
        await FuzzRunner.AssertContractAsync(api, "limiter-config", 300, FuzzCorpus.LimiterConfig, api.AdminToken);
        await AssertStillStoresEventsAsync();
    }

    [Fact]
    public async Task QueryStringsAndPathsGetA2xxOrAProblem()
    {
        await FuzzRunner.AssertContractAsync(api, "query-writer", 300, FuzzCorpus.Query, api.WriterToken);
        await FuzzRunner.AssertContractAsync(api, "query-admin", 300, FuzzCorpus.Query, api.AdminToken);
    }

    [Fact]
    public async Task AuthorizationContentTypeAndEncodingHeadersGetA2xxOrAProblem()
    {
        await FuzzRunner.AssertContractAsync(api, "header", 400, rng => FuzzCorpus.Header(rng, api.WriterToken), api.WriterToken);
        await AssertStillStoresEventsAsync();
    }

    private async Task AssertStillStoresEventsAsync()
    {
        using var http = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent($"{{\"event_id\":\"{Guid.NewGuid()}\",\"source\":\"after-fuzz\",\"payload\":{{}}}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.WriterToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
