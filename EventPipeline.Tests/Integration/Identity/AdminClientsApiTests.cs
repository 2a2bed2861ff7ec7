using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Identity;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class AdminClientsApiTests(ApiFactory api)
{
    private const string Clients = "/v1/admin/clients";
    private static readonly string[] s_readScope = ["events:read"];
    private static readonly string[] s_adminScope = ["admin"];
    private static readonly string[] s_readWriteScopes = ["events:read", "events:write"];

    [Fact]
    public async Task CreatingAClientReturnsItsSecretOnceAndTheSecretMintsTokens()
    {
        var (http, admin) = await AdminAsync();

        using var created = await http.SendWithTokenAsync(HttpMethod.Post, Clients, admin,
            new { client_id = "admin-created", scopes = s_readScope, tier = "gold", limit = new { capacity = 50.0, refill_per_second = 5.0 } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/admin/clients/admin-created", created.Headers.Location?.ToString());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var secret = body.GetProperty("client_secret").GetString()!;
        Assert.Equal("gold", body.GetProperty("tier").GetString());
        Assert.Equal(50.0, body.GetProperty("limit").GetProperty("capacity").GetDouble());
        using var fetched = await http.GetWithTokenAsync($"{Clients}/admin-created", admin);
        var stored = await fetched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(stored.TryGetProperty("client_secret", out _));
        var token = await http.GetTokenAsync("admin-created", secret);
        using var whoAmI = await http.GetWithTokenAsync("/v1/whoami", token);
        Assert.Equal("gold", (await whoAmI.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tier").GetString());
    }

    public static TheoryData<string> InvalidCreations =>
    [
        """{"scopes":["events:read"]}""",
        """{"client_id":"Upper-Case","scopes":["events:read"]}""",
        """{"client_id":"bad\nid","scopes":["events:read"]}""",
        """{"client_id":"valid-id-1"}""",
        """{"client_id":"valid-id-2","scopes":["events:delete"]}""",
        """{"client_id":"valid-id-3","scopes":[],"tier":"Gold Tier"}""",
        """{"client_id":"valid-id-4","scopes":[],"limit":{"capacity":0,"refill_per_second":1}}""",
    ];

    [Theory]
    [MemberData(nameof(InvalidCreations))]
    public async Task InvalidClientsAreRefusedWith400Problem(string json)
    {
        var (http, admin) = await AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, Clients) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", admin);

        using var response = await http.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreatingAnExistingClientIsAConflict()
    {
        var (http, admin) = await AdminAsync();

        using var response = await http.SendWithTokenAsync(HttpMethod.Post, Clients, admin, new { client_id = "test-123", scopes = s_adminScope });

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task PatchChangesScopesTierAndLimitAndCanRemoveTheLimit()
    {
        var (http, admin) = await AdminAsync();
        await http.RegisterClientAsync("admin-patched", "events:write");

        using var patched = await http.SendWithTokenAsync(HttpMethod.Patch, $"{Clients}/admin-patched", admin,
            new { scopes = s_readWriteScopes, tier = "bronze", limit = new { capacity = 10.0, refill_per_second = 1.0 } });
        var body = await patched.Content.ReadFromJsonAsync<JsonElement>();
        using var cleared = await http.SendWithTokenAsync(HttpMethod.Patch, $"{Clients}/admin-patched", admin, new { remove_limit = true });
        var clearedBody = await cleared.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(["events:read", "events:write"], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("bronze", body.GetProperty("tier").GetString());
        Assert.Equal(1.0, body.GetProperty("limit").GetProperty("refill_per_second").GetDouble());
        Assert.Equal(JsonValueKind.Null, clearedBody.GetProperty("limit").ValueKind);
        Assert.Equal("bronze", clearedBody.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task RotatingTheSecretRetiresTheOldOne()
    {
        var (http, admin) = await AdminAsync();
        var oldSecret = await http.RegisterClientAsync("admin-rotated", "events:read");

        using var rotated = await http.SendWithTokenAsync(HttpMethod.Post, $"{Clients}/admin-rotated/secret", admin);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("client_secret").GetString()!;

        Assert.NotEqual(oldSecret, newSecret);
        using var withOld = await http.RequestTokenAsync("admin-rotated", oldSecret);
        await withOld.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var withNew = await http.RequestTokenAsync("admin-rotated", newSecret);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task ListShowsTheBootstrapClientsWithoutSecrets()
    {
        var (http, admin) = await AdminAsync();

        using var response = await http.GetWithTokenAsync(Clients, admin);

        var clients = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        var ids = clients.Select(c => c.GetProperty("client_id").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "admin", "dashboard", "loadgen", "test-123", "loadgen-01", "loadgen-20" }, ids);
        Assert.All(clients, c => Assert.False(c.TryGetProperty("client_secret", out _)));
        var adminClient = clients.Single(c => c.GetProperty("client_id").GetString() == "admin");
        Assert.Equal(["admin", "events:write", "events:read"], adminClient.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("GET", "/v1/admin/clients/nobody")]
    [InlineData("PATCH", "/v1/admin/clients/nobody")]
    [InlineData("POST", "/v1/admin/clients/nobody/secret")]
    [InlineData("DELETE", "/v1/admin/clients/nobody")]
    public async Task AnUnknownClientIsNotFoundProblem(string method, string path)
    {
        var (http, admin) = await AdminAsync();

        using var response = await http.SendWithTokenAsync(new HttpMethod(method), path, admin, method == "PATCH" ? new { tier = "gold" } : null);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAdminCannotDeleteOrDisableItself()
    {
        var (http, admin) = await AdminAsync();

        using var delete = await http.SendWithTokenAsync(HttpMethod.Delete, $"{Clients}/admin", admin);
        using var disable = await http.SendWithTokenAsync(HttpMethod.Patch, $"{Clients}/admin", admin, new { enabled = false });

        await delete.AssertProblemAsync(HttpStatusCode.Conflict);
        await disable.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    private async Task<(HttpClient Http, string AdminToken)> AdminAsync()
    {
        var http = api.CreateClientWithOwnAddress();
        return (http, await http.GetTokenAsync("admin", ApiFactory.AdminSecret));
    }
}
