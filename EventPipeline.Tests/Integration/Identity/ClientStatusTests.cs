using System.Net;
using EventPipeline.Tests.Infrastructure;
using Npgsql;

namespace EventPipeline.Tests.Integration.Identity;

/// <summary>A token stops working soon after its client is disabled or deleted, on every replica.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class ClientStatusTests(ApiFactory api)
{
    [Fact]
    public async Task DisablingAClientThroughTheAdminApiStopsItsTokenAtOnce()
    {
        var http = api.CreateClientWithOwnAddress();
        var secret = await http.RegisterClientAsync("status-disabled", "events:read");
        var token = await http.GetTokenAsync("status-disabled", secret);
        using (var before = await http.GetWithTokenAsync("/v1/whoami", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var adminToken = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        using var patch = await http.SendWithTokenAsync(HttpMethod.Patch, "/v1/admin/clients/status-disabled", adminToken, new { enabled = false });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        using var after = await http.GetWithTokenAsync("/v1/whoami", token);
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var newToken = await http.RequestTokenAsync("status-disabled", secret);
        await newToken.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task DeletingAClientStopsItsTokenAtOnce()
    {
        var http = api.CreateClientWithOwnAddress();
        var secret = await http.RegisterClientAsync("status-deleted", "events:read");
        var token = await http.GetTokenAsync("status-deleted", secret);
        using (var before = await http.GetWithTokenAsync("/v1/whoami", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var adminToken = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        using var delete = await http.SendWithTokenAsync(HttpMethod.Delete, "/v1/admin/clients/status-deleted", adminToken);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        using var after = await http.GetWithTokenAsync("/v1/whoami", token);
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AClientDisabledByAnotherReplicaLosesAccessWithinSeconds()
    {
        var http = api.CreateClientWithOwnAddress();
        var secret = await http.RegisterClientAsync("status-elsewhere", "events:read");
        var token = await http.GetTokenAsync("status-elsewhere", secret);
        using (var before = await http.GetWithTokenAsync("/v1/whoami", token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Straight to the database, as another replica's admin call would: this replica's cache is not told.
        await using (var connection = new NpgsqlConnection(api.Postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE clients SET enabled = false WHERE client_id = 'status-elsewhere'", connection);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // Generous bound: the promise is "within seconds"; the cache lifetime is 3 s.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            using var response = await http.GetWithTokenAsync("/v1/whoami", token);
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
