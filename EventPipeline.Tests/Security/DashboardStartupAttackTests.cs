using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// Issue 14, item 6: a dashboard with sign-in must never hold the admin secret. Given the secret
/// outside its open mode (Development plus two explicit switches), the real process refuses to start.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class DashboardStartupAttackTests
{
    public static TheoryData<string, bool, bool> NotOpen => new()
    {
        { "Production", true, true },
        { "Production", false, false },
        { "Development", true, false },
        { "Development", false, true },
    };

    [Theory]
    [MemberData(nameof(NotOpen))]
    public async Task TheDashboardGivenTheAdminSecretOutsideItsOpenModeExitsWithAClearMessageAndNeverListens(
        string environment, bool openInDevelopment, bool confirmOpen)
    {
        await using var dashboard = DashboardProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["Dashboard__OpenInDevelopment"] = openInDevelopment ? "true" : "false",
            ["Dashboard__ConfirmOpenWithoutSignIn"] = confirmOpen ? "true" : "false",
            ["Dashboard__AdminClientSecret"] = "sec-dashboard-admin-secret",
            ["Dashboard__ApiBaseUrl"] = "http://127.0.0.1:9",
        });

        await dashboard.WaitForExitAsync();

        Assert.NotEqual(0, dashboard.ExitCode);
        Assert.Contains("Dashboard:AdminClientSecret is set but the dashboard is not in its open mode", dashboard.Output(), StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", dashboard.Output(), StringComparison.Ordinal);
        Assert.DoesNotContain("sec-dashboard-admin-secret", dashboard.Output(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardInItsOpenModeWithTheAdminSecretStarts()
    {
        // The counterpart: the same secret with every switch of the open mode is accepted.
        await using var dashboard = await DashboardProcess.StartServingAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Dashboard__OpenInDevelopment"] = "true",
            ["Dashboard__ConfirmOpenWithoutSignIn"] = "true",
            ["Dashboard__AdminClientSecret"] = "sec-dashboard-admin-secret",
            ["Dashboard__ApiBaseUrl"] = "http://127.0.0.1:9",
        });

        Assert.False(dashboard.HasExited);
    }
}
