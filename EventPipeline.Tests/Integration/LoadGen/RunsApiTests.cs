using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.LoadGen.Control;
using Microsoft.AspNetCore.Mvc.Testing;

namespace EventPipeline.Tests.Integration.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class RunsApiTests : IAsyncLifetime
{
    private FakeEventApi _api = null!;
    private WebApplicationFactory<RunManager> _factory = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeEventApi.StartAsync();
        _factory = new WebApplicationFactory<RunManager>().WithWebHostBuilder(web => web
            .UseSetting("LoadGen:ApiUrl", _api.Url.ToString())
            .UseSetting("LoadGen:DemoClientSecret", FakeEventApi.Secret));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _api.DisposeAsync();
    }

    // The fake API answers its admin read for this token only, as the real one does for admin tokens.
    private HttpClient Operator()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token-admin");
        return client;
    }

    [Fact]
    public async Task WithoutAnOperatorTokenNothingCanBeStartedOrRead()
    {
        using var anonymous = _factory.CreateClient();
        using var writer = _factory.CreateClient();
        writer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "token-loadgen-01");

        using var start = await anonymous.PostAsJsonAsync("/runs", new { profile = "steady", rps = 5, duration = 5 });
        using var read = await anonymous.GetAsync(new Uri("/runs/current", UriKind.Relative));
        using var startAsWriter = await writer.PostAsJsonAsync("/runs", new { profile = "steady", rps = 5, duration = 5 });

        Assert.Equal(HttpStatusCode.Unauthorized, start.StatusCode);
        Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, startAsWriter.StatusCode);
        Assert.Empty(_api.RequestsByClient);
    }

    [Fact]
    public async Task NothingIsSentUntilARunIsRequested()
    {
        using var client = Operator();

        var response = await client.GetAsync(new Uri("/runs/current", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(_api.RequestsByClient);
    }

    [Fact]
    public async Task BadOptionsAreRejectedWithAValidationProblemNamingThem()
    {
        using var client = Operator();

        var response = await client.PostAsJsonAsync("/runs", new { profile = "burst", @base = 10 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("peak", out _));
    }

    [Fact]
    public async Task ASecondRunIsRefusedWhileOneIsActiveAndStoppingEndsIt()
    {
        using var client = Operator();
        var run = new { profile = "steady", rps = 50, duration = 120 };

        var started = await client.PostAsJsonAsync("/runs", run);
        var refused = await client.PostAsJsonAsync("/runs", run);
        var stopped = await client.DeleteAsync(new Uri("/runs/current", UriKind.Relative));
        var status = await client.GetFromJsonAsync<JsonElement>("/runs/current");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal("stopped", status.GetProperty("state").GetString());
        Assert.Equal("steady", status.GetProperty("options").GetProperty("profile").GetString());
    }

    [Fact]
    public async Task StoppingWithoutAnActiveRunIsNotFound()
    {
        using var client = Operator();

        var response = await client.DeleteAsync(new Uri("/runs/current", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
