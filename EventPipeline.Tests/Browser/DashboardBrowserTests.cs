using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventPipeline.Tests.Browser;

[Collection(SharedRunningSystem.Name)]
[Trait(TestCategories.Cost, TestCategories.Browser)]
public sealed class DashboardBrowserTests(RunningSystem system) : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync() => (_playwright, _browser) = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task AWrongSecretDoesNotSignIn()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync(system.DashboardUrl.ToString());
        await page.FillAsync("input[name=client_secret]", "not-the-admin-secret");
        await page.ClickAsync("button[type=submit]");

        await page.WaitForURLAsync("**/signin?failed=1");
        Assert.Contains("refused", await page.InnerTextAsync("[role=alert]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABurstStartedFromThePageMovesTheSeriesDrainsTheBucketAndANewCapacityIsEnforced()
    {
        var dashboard = new DashboardPage(await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } }), system.DashboardUrl);
        await dashboard.SignInAsync(RunningSystem.AdminSecret);
        var allowedBefore = await dashboard.AllowedTotalAsync();

        await dashboard.StartAsync("burst");

        await DashboardPage.UntilAsync(async () => await dashboard.AllowedTotalAsync() > allowedBefore, "allowed requests counted");
        await DashboardPage.UntilAsync(async () => await dashboard.LimitedTotalAsync() > 0, "limited requests counted");
        await DashboardPage.UntilAsync(async () => await dashboard.BucketTokensAsync() < 50, "the bucket of loadgen-01 drained below half");
        await DashboardPage.UntilAsync(async () => int.Parse(await dashboard.Page.GetByTestId("rate-chart").GetAttributeAsync("data-points") ?? "0",
            System.Globalization.CultureInfo.InvariantCulture) > 3, "the rate chart plotting seconds");
        // Both replicas report their limiter circuit; with Redis healthy it is closed.
        await DashboardPage.UntilAsync(async () => await dashboard.CircuitStatesAsync() is ["closed", "closed"], "two replicas with a closed limiter circuit");
        await dashboard.StopAsync();

        await dashboard.SetDefaultLimitAsync(capacity: 7, refill: 1);

        await DashboardPage.UntilAsync(async () => await LimitSeenByApiAsync() == "7", "the API enforcing capacity 7", seconds: 30);
    }

    // A fresh demo client's first event reports the default bucket it was charged against.
    private async Task<string?> LimitSeenByApiAsync()
    {
        using var http = new HttpClient { BaseAddress = system.ApiUrl };
        using var tokenResponse = await http.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "test-123",
            ["client_secret"] = RunningSystem.DemoSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        using var token = await JsonDocument.ParseAsync(await tokenResponse.Content.ReadAsStreamAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent("{\"event_id\":\"" + Guid.NewGuid() + "\",\"source\":\"browser-test\",\"payload\":{}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
        using var response = await http.SendAsync(request);
        return response.Headers.TryGetValues("X-RateLimit-Limit", out var values) ? values.Single() : null;
    }
}
