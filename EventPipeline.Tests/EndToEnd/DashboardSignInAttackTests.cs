using System.Net;
using System.Text.RegularExpressions;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.EndToEnd;

/// <summary>
/// Issue 14, item 2, through the dashboard: its sign-in asks the API for a token, and the API's
/// failed-attempt limits must count the operator's address, not the dashboard's, or one person
/// guessing through the sign-in form locks every operator out of the dashboard.
/// </summary>
[Collection(SharedRunningSystem.Name)]
[Trait(TestCategories.Cost, TestCategories.EndToEnd)]
public sealed partial class DashboardSignInAttackTests(RunningSystem system)
{
    private static readonly string[] s_adminScopes = ["admin"];

    [Fact]
    public async Task SeventyFailedSignInsFromAnotherAddressDoNotLockAnOperatorOutOfTheDashboard()
    {
        const string operatorId = "e2e-dashboard-operator";
        var secret = await LoopbackCallers.RegisterAsync(system, operatorId, s_adminScopes);
        // The operator has had a token from their own address before: it is familiar to the API.
        using (var gateway = LoopbackCallers.From("127.0.0.1", system.GatewayUrl.Port))
        using (var earlier = await LoopbackCallers.RequestTokenAsync(gateway, operatorId, secret))
        {
            Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
        }

        var dashboardPort = system.DashboardUrl.Port;
        // An address no other test of this running system spends the API's per-source limit on.
        using var attacker = LoopbackCallers.From("127.0.0.4", dashboardPort, followRedirects: false);
        var answers = new List<string?>();
        for (var i = 0; i < 70; i++)
        {
            answers.Add(await SignInAsync(attacker, operatorId, $"guess-{i}"));
        }
        using var operatorsBrowser = LoopbackCallers.From("127.0.0.1", dashboardPort, followRedirects: false);
        var signedIn = await SignInAsync(operatorsBrowser, operatorId, secret);

        Assert.All(answers, location => Assert.Equal("/signin?failed=1", location));
        // The guesses reached the API's limits under the attacker's own address: from there even the right secret is refused now.
        using (var gateway = LoopbackCallers.From("127.0.0.4", system.GatewayUrl.Port))
        using (var fromAttacker = await LoopbackCallers.RequestTokenAsync(gateway, operatorId, secret))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fromAttacker.StatusCode);
        }
        Assert.Equal("/", signedIn);
    }

    // The sign-in form as a browser posts it (antiforgery token and cookie included); where it redirects.
    private static async Task<string?> SignInAsync(HttpClient browser, string clientId, string secret)
    {
        var page = await browser.GetStringAsync("/signin");
        var antiforgery = AntiforgeryField().Match(page);
        Assert.True(antiforgery.Success, "The sign-in page carries an antiforgery token.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value),
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        });
        using var response = await browser.PostAsync("/account/signin", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location?.OriginalString;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
