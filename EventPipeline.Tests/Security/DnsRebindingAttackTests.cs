using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// A page on evil.example whose name an attacker re-points at 127.0.0.1 (DNS rebinding) reaches the
/// local services with <c>Host: evil.example</c>; the host filters answer it 400, before any endpoint.
/// </summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class DnsRebindingAttackTests(SecurityApi api)
{
    [Fact]
    public async Task TheApiRefusesARequestForAnotherHostName()
    {
        using var http = api.CreateClient();

        using var rebound = await SendAsync(http, "evil.example", "/v1/whoami");
        using var honest = await SendAsync(http, null, "/alive");

        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
    }

    [Fact]
    public async Task TheDashboardRefusesARequestForAnotherHostName()
    {
        await using var dashboard = await DashboardProcess.StartServingAsync(new Dictionary<string, string>
        {
            ["Dashboard__ApiBaseUrl"] = api.BaseAddress.ToString(),
        });
        using var http = new HttpClient { BaseAddress = dashboard.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        using var rebound = await SendAsync(http, "evil.example", "/signin");
        using var honest = await SendAsync(http, null, "/signin");

        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.Equal(HttpStatusCode.OK, honest.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string? host, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        return await http.SendAsync(request);
    }
}
