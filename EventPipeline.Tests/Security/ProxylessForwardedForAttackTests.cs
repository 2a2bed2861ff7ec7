using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// With no proxy configured, X-Forwarded-For is nobody's to set: ASP.NET Core's middleware, given
/// empty proxy lists, would believe every caller, and a guesser would get a fresh source per request.
/// </summary>
[Collection(ApiWithoutProxies.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class ProxylessForwardedForAttackTests(ProxylessApi api)
{
    private const int SourceFailures = 30;

    [Fact]
    public async Task WithNoProxyConfiguredAForwardedForHeaderFromAnyCallerIsIgnored()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SourceFailures + 3; i++)
        {
            using var response = await SecurityHttp.RequestTokenAsync(api, $"sec-proxyless-{i}", "guess", $"192.0.2.{i}");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(SourceFailures), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.All(statuses.Skip(SourceFailures), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
