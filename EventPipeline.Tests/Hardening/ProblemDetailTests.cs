using System.Net;
using System.Text;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>Problems the framework wrote with only a title: each now says what was wrong.</summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ProblemDetailTests(KestrelApi api)
{
    [Fact]
    public async Task MalformedJsonForABoundBodySaysWhereItBroke()
    {
        using var http = api.CreateClient();
        using var response = await http.PostAsync("/auth/login", new StringContent("""{"client_id":"a",}""", Encoding.UTF8, "application/json"));

        var problem = await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("BytePositionInLine", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJsonBodySentAsTextIs415WithADetail()
    {
        using var response = await HardeningHttp.SendAsync(api, HttpMethod.Post, "/v1/admin/clients", api.AdminToken, new StringContent("{}", Encoding.UTF8, "text/plain"));

        await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task AQueryValueThatDoesNotBindSaysWhichParameter()
    {
        using var response = await HardeningHttp.SendAsync(api, HttpMethod.Get, "/v1/events?limit=abc", api.WriterToken);

        var problem = await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnUnmatchedRouteIs404WithADetail()
    {
        using var response = await HardeningHttp.SendAsync(api, HttpMethod.Post, "/v1/config/limiter/revert/not-a-number", api.AdminToken);

        var problem = await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }
}
