using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// Issue 14, item 1: the load generator's control API needs an operator's token of the API, never
/// targets a caller's URL, holds no admin secret to leak, bounds what a run may ask, and serves
/// only the host names it knows.
/// </summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class LoadGenControlAttackTests(SecurityApi api)
{
    private static readonly object s_smallRun = new { profile = "steady", rps = 5, duration = 2, clients = 1 };

    [Fact]
    public async Task StartingOrReadingRunsWithoutAnAdminTokenOfTheApiIsRefused()
    {
        var loadGen = await api.LoadGenAsync();
        var writer = await SecurityHttp.WriterTokenAsync(api, "sec-loadgen-writer");

        using var anonymous = await PostRunAsync(loadGen, null, s_smallRun);
        using var forged = await PostRunAsync(loadGen, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInNjb3BlIjoiYWRtaW4ifQ.", s_smallRun);
        using var asWriter = await PostRunAsync(loadGen, writer, s_smallRun);
        using var http = loadGen.CreateClient();
        using var read = await http.GetAsync(new Uri("/runs/current", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asWriter.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
    }

    [Fact]
    public async Task ARunAimedAtAnotherUrlIsRefusedAndNothingReachesThatListener()
    {
        var loadGen = await api.LoadGenAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        using var aimed = await PostRunAsync(loadGen, api.AdminToken, new { profile = "steady", rps = 5, duration = 2, url, check = true });
        // A --check run without stated limits would need an admin secret to read them: there is none.
        using var checkWithoutLimits = await PostRunAsync(loadGen, api.AdminToken, new { profile = "steady", rps = 5, duration = 2, check = true });

        var errors = await ErrorsAsync(aimed);
        Assert.True(errors.TryGetProperty("url", out _), errors.GetRawText());
        var checkErrors = await ErrorsAsync(checkWithoutLimits);
        Assert.True(checkErrors.TryGetProperty("capacity", out _), checkErrors.GetRawText());
        Assert.False(listener.Pending(), "Something connected to the attacker's listener.");
    }

    [Fact]
    public async Task FloodSizedRunsAreRefusedNamingEachBound()
    {
        var loadGen = await api.LoadGenAsync();

        using var flood = await PostRunAsync(loadGen, api.AdminToken,
            new { profile = "steady", rps = 1_000_000, duration = 86_400, connections = 60_000, clients = 999 });

        var errors = await ErrorsAsync(flood);
        Assert.All(["rps", "duration", "connections", "clients"], name => Assert.True(errors.TryGetProperty(name, out _), $"{name} not named: {errors.GetRawText()}"));
    }

    [Fact]
    public async Task ARequestNamingAForeignHostIsRefusedAsDnsRebindingWouldSendIt()
    {
        var loadGen = await api.LoadGenAsync();
        using var http = loadGen.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/runs/current");
        request.Headers.Host = "attacker.example";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AnOperatorTokenStartsARunAgainstTheWiredApi()
    {
        var loadGen = await api.LoadGenAsync();

        using var started = await PostRunAsync(loadGen, api.AdminToken, new { profile = "steady", rps = 5, duration = 60, clients = 1 });
        using var http = loadGen.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.AdminToken);
        var current = await http.GetFromJsonAsync<JsonElement>(new Uri("/runs/current", UriKind.Relative));
        // This install has no demo clients, so the run itself fails at its first token; it is stopped if not.
        using var stop = await http.DeleteAsync(new Uri("/runs/current", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(api.BaseAddress.ToString(), current.GetProperty("options").GetProperty("url").GetString());
        Assert.True(stop.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"Stopping answered {stop.StatusCode}.");
    }

    private static async Task<HttpResponseMessage> PostRunAsync(LoadGenProcess loadGen, string? token, object run)
    {
        using var http = loadGen.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/runs") { Content = JsonContent.Create(run) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("errors");
    }
}
