extern alias Api;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventPipeline.Tests.Integration.Identity;

/// <summary>RS256 and ES256 signing, the published JWKS, and the algorithm-confusion attack on them.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class AsymmetricSigningTests(ApiFactory api)
{
    [Fact]
    public async Task Rs256TokensAreSignedWithThePublishedKeyAndAccepted()
    {
        using var rsa = RSA.Create(2048);
        await using var factory = WithAlgorithm("RS256", rsa.ExportPkcs8PrivateKeyPem());
        var http = factory.CreateClient();

        var token = new JsonWebToken(await http.GetTokenAsync("loadgen-11", ApiFactory.DemoSecret));
        var jwks = await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");
        using var whoAmI = await http.GetWithTokenAsync("/v1/whoami", token.EncodedToken);

        Assert.Equal("RS256", token.Alg);
        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal(token.Kid, key.GetProperty("kid").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(Convert.ToBase64String(rsa.ExportParameters(false).Modulus!).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            key.GetProperty("n").GetString());
        Assert.False(key.TryGetProperty("d", out _));
        Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
    }

    [Fact]
    public async Task Es256TokensAreAccepted()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var factory = WithAlgorithm("ES256", ecdsa.ExportPkcs8PrivateKeyPem());
        var http = factory.CreateClient();

        var token = new JsonWebToken(await http.GetTokenAsync("loadgen-12", ApiFactory.DemoSecret));
        using var whoAmI = await http.GetWithTokenAsync("/v1/whoami", token.EncodedToken);
        var jwks = await http.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        Assert.Equal("ES256", token.Alg);
        Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
        Assert.Equal("P-256", Assert.Single(jwks.GetProperty("keys").EnumerateArray()).GetProperty("crv").GetString());
    }

    [Fact]
    public async Task AnHs256TokenMadeWithTheRs256PublicKeyIsRefused()
    {
        using var rsa = RSA.Create(2048);
        await using var factory = WithAlgorithm("RS256", rsa.ExportPkcs8PrivateKeyPem());
        var http = factory.CreateClient();

        var withPublicPem = ForgedTokens.Create("loadgen-13", key: rsa.ExportSubjectPublicKeyInfoPem());
        var withOldSharedSecret = ForgedTokens.Create("loadgen-13");

        using var confused = await http.GetWithTokenAsync("/v1/whoami", withPublicPem);
        using var shared = await http.GetWithTokenAsync("/v1/whoami", withOldSharedSecret);
        await confused.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await shared.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithHs256NoKeyIsPublished()
    {
        var jwks = await api.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/jwks.json");

        Assert.Empty(jwks.GetProperty("keys").EnumerateArray());
    }

    [Fact]
    public void StartUpRefusesAShortSigningKeyNamingTheSetting()
    {
        using var factory = api.WithWebHostBuilder(builder => builder.UseSetting("Identity:SigningKey", "too-short"));

        var exception = Record.Exception(() => factory.CreateClient());

        Assert.NotNull(exception);
        Assert.Contains("Identity:SigningKey is 9 bytes", exception.ToString(), StringComparison.Ordinal);
    }

    private WebApplicationFactory<Api::Program> WithAlgorithm(string algorithm, string privateKeyPem) =>
        api.WithWebHostBuilder(builder => builder
            .UseSetting("Identity:SigningAlgorithm", algorithm)
            .UseSetting("Identity:PrivateKeyPem", privateKeyPem));
}
