using System.Net;
using System.Text;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>NUL characters, which PostgreSQL's text refuses: once a 500 or a failed group commit.</summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class NulCharacterTests(KestrelApi api)
{
    [Fact]
    public async Task ANulCharacterInTheSourceIs400()
    {
        using var response = await HardeningHttp.PostEventAsync(api, Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"a\u0000b","payload":{}}"""));

        var problem = await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("source", out _));
    }

    [Theory]
    [InlineData("/auth/login", "application/json", """{"client_id":"\u0000","client_secret":"x"}""", HttpStatusCode.Unauthorized)]
    [InlineData("/auth/token", "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=%00&client_secret=x", HttpStatusCode.BadRequest)]
    public async Task ANulInAClientIdIsRefusedNot500(string path, string contentType, string body, HttpStatusCode status)
    {
        using var http = api.CreateClient();
        using var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

        await HardeningHttp.AssertProblemAsync(response, status);
    }

    [Fact]
    public async Task ANulInTheSourceFilterIs400()
    {
        using var response = await HardeningHttp.SendAsync(api, HttpMethod.Get, "/v1/events?source=%00", api.WriterToken);

        var problem = await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("source", out _));
    }
}
