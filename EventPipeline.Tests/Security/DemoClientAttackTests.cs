using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>Issue 14, item 6: an install outside the demo profile has none of the demo clients that share one secret.</summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class DemoClientAttackTests(SecurityApi api)
{
    [Theory]
    [InlineData("test-123")]
    [InlineData("loadgen-01")]
    [InlineData("dashboard")]
    public async Task TheSharedDemoSecretOpensNoClientOfAProductionInstall(string demoClient)
    {
        using var response = await SecurityHttp.RequestTokenAsync(api, demoClient, Integration.ApiFactory.DemoSecret, "198.51.100.60");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
