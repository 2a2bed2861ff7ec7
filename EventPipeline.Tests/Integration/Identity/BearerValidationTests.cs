using System.Net;
using EventPipeline.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Tests.Integration.Identity;

/// <summary>Every way a bearer token can be wrong gets 401 problem+json, never a 500 and never access.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class BearerValidationTests(ApiFactory api)
{
    // A bootstrap client that exists and is enabled, so only the token's flaw can cause the refusal.
    private const string RealClient = "loadgen-10";
    private const string OtherKey = "another-key-that-is-also-long-enough-for-hs256!";

    [Fact]
    public async Task AWellFormedTokenOfAnExistingClientIsAccepted()
    {
        using var response = await api.CreateClientWithOwnAddress().GetWithTokenAsync("/v1/whoami", ForgedTokens.Create(RealClient));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AMissingTokenIsRefusedWithABareBearerChallenge()
    {
        using var response = await api.CreateClientWithOwnAddress().GetWithTokenAsync("/v1/whoami", token: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    public static TheoryData<string> Flaws =>
    [
        "garbage", "three empty parts", "bad base64", "alg none", "expired beyond the clock skew", "not yet valid",
        "signed with another key", "HS512 with the right key", "wrong issuer", "wrong audience",
        "plain JWT type instead of at+jwt", "a client that was never registered",
    ];

    [Theory]
    [MemberData(nameof(Flaws))]
    public async Task ABadTokenIsRefusedWith401Problem(string flaw)
    {
        using var response = await api.CreateClientWithOwnAddress().GetWithTokenAsync("/v1/whoami", Forge(flaw));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
    }

    // Made when the test runs, not at discovery, so time-sensitive flaws stay exactly as described.
    private static string Forge(string flaw) => flaw switch
    {
        "garbage" => "not-a-jwt",
        "three empty parts" => "..",
        "bad base64" => "eyJ!!!.eyJ!!!.sig",
        "alg none" => ForgedTokens.Unsigned(RealClient),
        "expired beyond the clock skew" => ForgedTokens.Create(RealClient, expiresIn: TimeSpan.FromSeconds(-90)),
        "not yet valid" => ForgedTokens.Create(RealClient, validFromIn: TimeSpan.FromMinutes(5), expiresIn: TimeSpan.FromMinutes(10)),
        "signed with another key" => ForgedTokens.Create(RealClient, key: OtherKey),
        "HS512 with the right key" => ForgedTokens.Create(RealClient, algorithm: SecurityAlgorithms.HmacSha512),
        "wrong issuer" => ForgedTokens.Create(RealClient, issuer: "someone-else"),
        "wrong audience" => ForgedTokens.Create(RealClient, audience: "another-api"),
        "plain JWT type instead of at+jwt" => ForgedTokens.Create(RealClient, type: "JWT"),
        "a client that was never registered" => ForgedTokens.Create("ghost-client"),
        _ => throw new ArgumentOutOfRangeException(nameof(flaw), flaw, null),
    };

    [Fact]
    public async Task ABadTokenIsRefusedOnTheAdminApiToo()
    {
        using var response = await api.CreateClientWithOwnAddress()
            .GetWithTokenAsync("/v1/admin/clients", ForgedTokens.Create("admin", key: OtherKey));

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
