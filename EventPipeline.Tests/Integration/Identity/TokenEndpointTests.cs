using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventPipeline.Tests.Integration.Identity;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class TokenEndpointTests(ApiFactory api)
{
    [Fact]
    public async Task DemoClientGetsATokenWithItsSecretAndCallsTheApiWithIt()
    {
        var http = api.CreateClientWithOwnAddress();

        using var tokenResponse = await http.RequestTokenAsync("test-123", ApiFactory.DemoSecret);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.Equal("no-store", tokenResponse.Headers.CacheControl?.ToString());
        using var token = await JsonDocument.ParseAsync(await tokenResponse.Content.ReadAsStreamAsync());
        Assert.Equal("Bearer", token.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(900, token.RootElement.GetProperty("expires_in").GetInt32());

        using var whoAmI = await http.GetWithTokenAsync("/v1/whoami", token.RootElement.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
        var me = await whoAmI.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("test-123", me.GetProperty("client_id").GetString());
        Assert.Equal(["events:write", "events:read"], me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("standard", me.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task IssuedTokenCarriesTheContractClaimsAndAccessTokenType()
    {
        var http = api.CreateClientWithOwnAddress();

        var token = new JsonWebToken(await http.GetTokenAsync("loadgen-01", ApiFactory.DemoSecret));

        Assert.Equal("HS256", token.Alg);
        Assert.Equal("at+jwt", token.Typ);
        Assert.Equal("loadgen-01", token.Subject);
        Assert.Equal(ApiFactory.Issuer, token.Issuer);
        Assert.Equal([ApiFactory.Audience], token.Audiences);
        Assert.Equal("events:write events:read", token.GetClaim("scope").Value);
        Assert.Equal("standard", token.GetClaim("tier").Value);
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(TimeSpan.FromMinutes(15), token.ValidTo - token.IssuedAt);
        Assert.Equal(token.IssuedAt, token.ValidFrom);
    }

    [Fact]
    public async Task HttpBasicCredentialsAreAccepted()
    {
        var http = api.CreateClientWithOwnAddress();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"loadgen-02:{ApiFactory.DemoSecret}")));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task LoginAnswersWithTheOriginalShape()
    {
        var http = api.CreateClientWithOwnAddress();

        using var response = await http.PostAsJsonAsync("/auth/login",
            new { client_id = "dashboard", client_secret = ApiFactory.DemoSecret });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        using var whoAmI = await http.GetWithTokenAsync("/v1/whoami", body.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, whoAmI.StatusCode);
    }

    [Theory]
    [InlineData("no-such-client", ApiFactory.DemoSecret)]
    [InlineData("test-123", "wrong-secret")]
    [InlineData("admin", ApiFactory.DemoSecret)]
    [InlineData("", "")]
    public async Task UnknownClientOrWrongSecretGetsInvalidClientAndNoToken(string clientId, string secret)
    {
        var http = api.CreateClientWithOwnAddress();

        using var response = await http.RequestTokenAsync(clientId, secret);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", problem.GetProperty("error").GetString());
        Assert.False(problem.TryGetProperty("access_token", out _));
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown-login-client", ApiFactory.DemoSecret)]
    [InlineData("test-123", "wrong-secret")]
    public async Task LoginRefusesUnknownClientsAndWrongSecrets(string clientId, string secret)
    {
        var http = api.CreateClientWithOwnAddress();

        using var response = await http.PostAsJsonAsync("/auth/login", new { client_id = clientId, client_secret = secret });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(problem.TryGetProperty("token", out _));
    }

    [Fact]
    public async Task MalformedLoginBodyIsABadRequestProblem()
    {
        var http = api.CreateClientWithOwnAddress();

        using var response = await http.PostAsync("/auth/login", new StringContent("{not json", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "client_id=test-123&client_secret=x", "invalid_request" },
        { "grant_type=&client_id=test-123&client_secret=x", "invalid_request" },
        { "grant_type=client_credentials&grant_type=client_credentials&client_id=test-123&client_secret=x", "invalid_request" },
        { "grant_type=password&username=a&password=b", "unsupported_grant_type" },
        { "grant_type=authorization_code&code=abc", "unsupported_grant_type" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task MalformedTokenRequestsGetTheirOAuthError(string form, string error)
    {
        var http = api.CreateClientWithOwnAddress();

        using var response = await http.PostAsync("/auth/token", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(error, problem.GetProperty("error").GetString());
    }

    [Fact]
    public async Task JsonBodyOnTheTokenEndpointIsInvalidRequest()
    {
        var http = api.CreateClientWithOwnAddress();

        using var response = await http.PostAsJsonAsync("/auth/token",
            new { grant_type = "client_credentials", client_id = "test-123", client_secret = ApiFactory.DemoSecret });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", problem.GetProperty("error").GetString());
    }

    [Fact]
    public async Task CredentialsInBothHeaderAndBodyAreInvalidRequest()
    {
        var http = api.CreateClientWithOwnAddress();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "test-123",
                ["client_secret"] = ApiFactory.DemoSecret,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"test-123:{ApiFactory.DemoSecret}")));

        using var response = await http.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", problem.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ARequestWithoutCredentialsIsInvalidClient()
    {
        var http = api.CreateClientWithOwnAddress();

        using var response = await http.PostAsync("/auth/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", problem.GetProperty("error").GetString());
    }
}
