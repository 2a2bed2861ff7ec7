extern alias Api;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Tests.Integration.Identity;

/// <summary>
/// Trusting an external OpenID Connect issuer. Its discovery document is given to JwtBearer directly
/// (what it would otherwise fetch from the authority), so everything after the fetch is real.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class ExternalIssuerTests(ApiFactory api)
{
    private const string ExternalIssuer = "https://login.external.test/realms/partners";
    private const string ExternalAudience = "eventpipeline-partners";

    [Fact]
    public async Task AMappedSubjectOfTheTrustedIssuerActsAsItsRegisteredClientNextToOurOwn()
    {
        using var rsa = RSA.Create(2048);
        await using var factory = TrustingExternalIssuer(rsa);
        var http = factory.CreateClient();
        await http.RegisterClientAsync("ext-registered", "events:read");

        using var response = await http.GetWithTokenAsync("/v1/whoami", External(rsa, "partner-subject-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("ext-registered", me.GetProperty("client_id").GetString());
        Assert.Equal(["events:read"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task AnIssuersSubAdminWithScopeAdminIsNotOurAdmin()
    {
        using var rsa = RSA.Create(2048);
        await using var factory = TrustingExternalIssuer(rsa);
        var token = ForgedTokens.Create("admin", issuer: ExternalIssuer, audience: ExternalAudience, scope: "admin events:read", credentials: Rs256(rsa));

        using var response = await factory.CreateClient().GetWithTokenAsync("/v1/admin/clients", token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheScopesOfAMappedSubjectComeFromTheRegistryNotFromTheIssuer()
    {
        using var rsa = RSA.Create(2048);
        await using var factory = TrustingExternalIssuer(rsa);
        var http = factory.CreateClient();
        await http.RegisterClientAsync("ext-scoped", "events:read");
        var token = ForgedTokens.Create("partner-subject-2", issuer: ExternalIssuer, audience: ExternalAudience, scope: "admin events:read", credentials: Rs256(rsa));

        using var response = await http.GetWithTokenAsync("/v1/admin/clients", token);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string> Flaws =>
    [
        "unregistered client", "our audience instead of the external one", "HS256 with our signing key", "another RSA key", "expired",
        "an ID token (typ JWT)",
    ];

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task ABadExternalTokenIsRefusedWith401Problem(string flaw)
    {
        using var rsa = RSA.Create(2048);
        using var otherRsa = RSA.Create(2048);
        await using var factory = TrustingExternalIssuer(rsa);
        var token = flaw switch
        {
            "unregistered client" => External(rsa, "ext-never-registered"),
            "our audience instead of the external one" => ForgedTokens.Create("loadgen-14", issuer: ExternalIssuer, credentials: Rs256(rsa)),
            "HS256 with our signing key" => ForgedTokens.Create("loadgen-14", issuer: ExternalIssuer, audience: ExternalAudience),
            "another RSA key" => External(otherRsa, "loadgen-14"),
            "expired" => ForgedTokens.Create("partner-subject-1", issuer: ExternalIssuer, audience: ExternalAudience,
                expiresIn: TimeSpan.FromMinutes(-2), credentials: Rs256(rsa)),
            "an ID token (typ JWT)" => ForgedTokens.Create("partner-subject-1", issuer: ExternalIssuer, audience: ExternalAudience, type: "JWT",
                scope: "events:read", credentials: Rs256(rsa)),
            _ => throw new ArgumentOutOfRangeException(nameof(flaw), flaw, null),
        };

        using var response = await factory.CreateClient().GetWithTokenAsync("/v1/whoami", token);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private WebApplicationFactory<Api::Program> TrustingExternalIssuer(RSA rsa) =>
        api.WithWebHostBuilder(builder => builder
            .UseSetting("Identity:ExternalAuthority", ExternalIssuer)
            .UseSetting("Identity:ExternalAudience", ExternalAudience)
            .UseSetting("Identity:ExternalSubjects:partner-subject-1", "ext-registered")
            .UseSetting("Identity:ExternalSubjects:partner-subject-2", "ext-scoped")
            .ConfigureTestServices(services => services.Configure<JwtBearerOptions>("External", options =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = ExternalIssuer };
                configuration.SigningKeys.Add(Rs256(rsa).Key);
                options.Configuration = configuration;
            })));

    private static string External(RSA rsa, string subject) =>
        ForgedTokens.Create(subject, issuer: ExternalIssuer, audience: ExternalAudience, scope: "events:read", credentials: Rs256(rsa));

    private static SigningCredentials Rs256(RSA rsa) =>
        new(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: true)) { KeyId = "external-key" }, SecurityAlgorithms.RsaSha256);
}
