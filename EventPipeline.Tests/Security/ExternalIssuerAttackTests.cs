using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Tests.Security;

/// <summary>
/// Issue 14, item 6 (external issuer): the API process trusts a real OpenID Connect issuer on its own
/// HTTPS socket; the issuer's tokens say what the issuer wants, the registry says what they may do.
/// </summary>
[Collection(TrustingExternalIssuer.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class ExternalIssuerAttackTests(ExternalIssuerApi api)
{
    [Fact]
    public async Task AMappedSubjectOfTheTrustedIssuerActsAsItsRegisteredClientNextToOurOwn()
    {
        await SecurityHttp.RegisterAsync(api, "sec-ext-registered", "events:read");

        using var response = await GetAsync("/v1/whoami", External("partner-subject-1", scope: "events:read"));
        using var ours = await GetAsync("/v1/whoami", api.WriterToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("sec-ext-registered", me.GetProperty("client_id").GetString());
        Assert.Equal(["events:read"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
    }

    [Fact]
    public async Task AnIssuersSubAdminWithScopeAdminIsNotOurAdmin()
    {
        using var response = await GetAsync("/v1/admin/clients", External("admin", scope: "admin events:read"));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheScopesOfAMappedSubjectComeFromTheRegistryNotFromTheIssuer()
    {
        await SecurityHttp.RegisterAsync(api, "sec-ext-scoped", "events:read");

        using var admin = await GetAsync("/v1/admin/clients", External("partner-subject-2", scope: "admin events:read"));
        using var read = await GetAsync("/v1/whoami", External("partner-subject-2", scope: "admin events:read"));

        await admin.AssertProblemAsync(HttpStatusCode.Forbidden);
        var me = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["events:read"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    public static TheoryData<string> Flaws =>
    [
        "unregistered subject", "our audience instead of the external one", "HS256 with our signing key",
        "another RSA key", "expired",
    ];

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task ABadExternalTokenIsRefusedWith401Problem(string flaw)
    {
        await EnsureRegisteredAsync("sec-ext-flaws");
        using var otherKey = RSA.Create(2048);
        var issuer = api.Issuer.Issuer;
        var token = flaw switch
        {
            "unregistered subject" => External("sec-ext-never-registered", scope: "events:read"),
            "our audience instead of the external one" => ForgedTokens.Create("partner-subject-3", issuer: issuer, credentials: api.Issuer.Credentials),
            "HS256 with our signing key" => ForgedTokens.Create("partner-subject-3", issuer: issuer, audience: ExternalIssuerApi.Audience),
            "another RSA key" => ForgedTokens.Create("partner-subject-3", issuer: issuer, audience: ExternalIssuerApi.Audience,
                credentials: new SigningCredentials(new RsaSecurityKey(otherKey) { KeyId = "external-key" }, SecurityAlgorithms.RsaSha256)),
            "expired" => ForgedTokens.Create("partner-subject-3", issuer: issuer, audience: ExternalIssuerApi.Audience,
                expiresIn: TimeSpan.FromMinutes(-2), credentials: api.Issuer.Credentials),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw), flaw, null),
        };

        using var response = await GetAsync("/v1/whoami", token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnIdTokenOfTheTrustedIssuerIsRefusedWhereTheSameAccessTokenPasses()
    {
        await SecurityHttp.RegisterAsync(api, "sec-ext-access", "events:read");
        var idToken = ForgedTokens.Create("partner-subject-4", issuer: api.Issuer.Issuer, audience: ExternalIssuerApi.Audience, type: "JWT",
            scope: "events:read", credentials: api.Issuer.Credentials);

        using var refused = await GetAsync("/v1/whoami", idToken);
        using var passed = await GetAsync("/v1/whoami", External("partner-subject-4", scope: "events:read"));

        await refused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, passed.StatusCode);
    }

    private string External(string subject, string scope) =>
        ForgedTokens.Create(subject, issuer: api.Issuer.Issuer, audience: ExternalIssuerApi.Audience, scope: scope, credentials: api.Issuer.Credentials);

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var http = api.CreateClient();
        return await http.GetWithTokenAsync(path, token);
    }

    // Tests run in any order: whichever needs the mapped client first registers it.
    private async Task EnsureRegisteredAsync(string clientId)
    {
        using var existing = await SecurityHttp.SendAsync(api, HttpMethod.Get, $"/v1/admin/clients/{clientId}", api.AdminToken);
        if (existing.StatusCode == HttpStatusCode.NotFound)
        {
            await SecurityHttp.RegisterAsync(api, clientId, "events:read");
        }
    }
}
