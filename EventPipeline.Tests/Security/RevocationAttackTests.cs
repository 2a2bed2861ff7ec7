using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// Issue 14, item 5: a token issued before its client's scopes, tier or secret changed, or before
/// it was disabled, is refused from then on (at once on the replica that made the change, within
/// the status cache's 3 s on the others).
/// </summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class RevocationAttackTests(SecurityApi api)
{
    private static readonly string[] s_readOnly = ["events:read"];

    [Fact]
    public async Task AnAdminTokenStopsReachingTheAdminApiOnceItsAdminScopeIsRemoved()
    {
        var secret = await SecurityHttp.RegisterAsync(api, "sec-revoke-scope", "admin", "events:read");
        var token = await SecurityHttp.TokenAsync(api, "sec-revoke-scope", secret);
        using var before = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/admin/clients", token);

        using var patched = await SecurityHttp.SendAsync(api, HttpMethod.Patch, "/v1/admin/clients/sec-revoke-scope", api.AdminToken, new { scopes = s_readOnly });
        using var after = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/admin/clients", token);
        var fresh = await SecurityHttp.TokenAsync(api, "sec-revoke-scope", secret);
        using var freshOnAdmin = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/admin/clients", fresh);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, freshOnAdmin.StatusCode);
    }

    [Fact]
    public async Task ATokenObtainedWithTheOldSecretStopsWorkingOnceTheSecretIsRotated()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-revoke-secret");
        using var before = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/whoami", token);

        using var rotated = await SecurityHttp.SendAsync(api, HttpMethod.Post, "/v1/admin/clients/sec-revoke-secret/secret", api.AdminToken);
        using var after = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/whoami", token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ATokenOfTheOldTierStopsWorkingOnceTheTierChanges()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-revoke-tier");

        using var patched = await SecurityHttp.SendAsync(api, HttpMethod.Patch, "/v1/admin/clients/sec-revoke-tier", api.AdminToken, new { tier = "premium" });
        using var after = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/whoami", token);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task ChangingOnlyTheLimitLeavesExistingTokensWorking()
    {
        var token = await SecurityHttp.WriterTokenAsync(api, "sec-revoke-limit");

        using var patched = await SecurityHttp.SendAsync(api, HttpMethod.Patch, "/v1/admin/clients/sec-revoke-limit", api.AdminToken,
            new { limit = new { capacity = 50, refill_per_second = 5 } });
        using var after = await SecurityHttp.SendAsync(api, HttpMethod.Get, "/v1/whoami", token);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }
}
