using System.Globalization;
using Microsoft.Playwright;

namespace EventPipeline.Tests.Browser;

/// <summary>The limiter dashboard as a person uses it: sign in, read the panels, press the buttons.</summary>
internal sealed class DashboardPage(IPage page, Uri baseUrl)
{
    public IPage Page { get; } = page;

    public async Task SignInAsync(string secret)
    {
        await Page.GotoAsync(baseUrl.ToString());
        await Page.WaitForURLAsync("**/signin**");
        await Page.FillAsync("input[name=client_secret]", secret);
        await Page.ClickAsync("button[type=submit]");
        // The totals' figures only appear once the page is interactive (prerendered HTML has none),
        // so controls used after this reach the server.
        await Page.GetByTestId("allowed-total").WaitForAsync();
    }

    public Task<long> AllowedTotalAsync() => NumberAsync("allowed-total");

    public Task<long> LimitedTotalAsync() => NumberAsync("limited-total");

    /// <summary>The limiter circuit badge of each API replica in the limiter health panel.</summary>
    public Task<IReadOnlyList<string>> CircuitStatesAsync() => Page.GetByTestId("circuit-state").AllInnerTextsAsync();

    public async Task<double> BucketTokensAsync() =>
        double.Parse(await Page.GetByTestId("bucket-tokens").First.InnerTextAsync(), CultureInfo.InvariantCulture);

    public async Task StartAsync(string profile)
    {
        await Page.GetByTestId("traffic-profile").SelectOptionAsync(profile);
        await Page.GetByTestId("traffic-start").ClickAsync();
    }

    public Task StopAsync() => Page.GetByTestId("traffic-stop").ClickAsync();

    public async Task SetDefaultLimitAsync(int capacity, double refill)
    {
        await Page.GetByTestId("limiter-capacity").FillAsync(capacity.ToString(CultureInfo.InvariantCulture));
        await Page.GetByTestId("limiter-refill").FillAsync(refill.ToString(CultureInfo.InvariantCulture));
        await Page.GetByTestId("limiter-apply").ClickAsync();
    }

    /// <summary>Polls the page until the condition holds; the dashboard updates itself without reloads.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Within {seconds} s the dashboard did not show: {what}");
            await Task.Delay(250);
        }
    }

    private async Task<long> NumberAsync(string testId)
    {
        var text = await Page.GetByTestId(testId).Locator(".value").InnerTextAsync();
        return long.Parse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
    }
}
