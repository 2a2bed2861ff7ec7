using System.Net;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration.Identity;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class AuthorizationTests(ApiFactory api)
{
    [Fact]
    public async Task AnEventsWriteTokenOnTheAdminApiIsForbiddenWithProblem()
    {
        var http = api.CreateClientWithOwnAddress();
        var secret = await http.RegisterClientAsync("authz-writer", "events:write");
        var token = await http.GetTokenAsync("authz-writer", secret);

        using var admin = await http.GetWithTokenAsync("/v1/admin/clients", token);
        using var whoAmI = await http.GetWithTokenAsync("/v1/whoami", token);

        await admin.AssertProblemAsync(HttpStatusCode.Forbidden);
        await whoAmI.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ADemoClientTokenCannotUseTheAdminApi()
    {
        var http = api.CreateClientWithOwnAddress();
        var token = await http.GetTokenAsync("loadgen-04", ApiFactory.DemoSecret);

        using var response = await http.GetWithTokenAsync("/v1/admin/clients", token);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    [InlineData("/v1/ping")]
    public async Task OperationalEndpointsNeedNoToken(string path)
    {
        using var response = await api.CreateClientWithOwnAddress().GetWithTokenAsync(path, token: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void EveryEndpointEitherNamesAPolicyOrIsExplicitlyAnonymous()
    {
        var endpoints = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(endpoints);
        var unmarked = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(unmarked);
    }
}
