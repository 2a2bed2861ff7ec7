using EventPipeline.Tests.Infrastructure;
using Microsoft.Playwright;

namespace EventPipeline.Tests.Browser;

/// <summary>
/// Pictures of the dashboard under steady, burst and wave load for the README. Run by
/// docs/screenshots.sh (SCREENSHOT_DIR names the folder); not part of the test stages.
/// </summary>
[Collection(SharedRunningSystem.Name)]
[Trait(TestCategories.Cost, TestCategories.Screenshots)]
public sealed class DashboardScreenshots(RunningSystem system)
{
    [Fact]
    public async Task TheDashboardUnderSteadyBurstAndWaveLoad()
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(Path.GetTempPath(), "eventpipeline-screenshots");
        Directory.CreateDirectory(folder);
        var (playwright, browser) = await HeadlessChromium.LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var dashboard = new DashboardPage(await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1400 } }), system.DashboardUrl);
            await dashboard.SignInAsync(RunningSystem.AdminSecret);

            foreach (var profile in (string[])["steady", "burst", "wave"])
            {
                await dashboard.StartAsync(profile);
                // Long enough for the chart to show the profile's shape (a burst period is 10 s, a wave 20 s).
                await Task.Delay(TimeSpan.FromSeconds(45));
                var path = Path.Combine(folder, $"dashboard-{profile}.png");
                await dashboard.Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                await dashboard.StopAsync();
                await Task.Delay(TimeSpan.FromSeconds(5));
                Assert.True(new FileInfo(path).Length > 10_000, $"{path} looks empty.");
            }
        }
    }
}
