using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit;

/// <summary>Issue 14, items 1 and 6: which service the AppHost hands the admin secret to.</summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class SecretPlacementTests
{
    [Fact]
    public async Task NeitherTheLoadGeneratorNorASignedInDashboardHoldsTheAdminSecret()
    {
        var environment = await EnvironmentsAsync();

        Assert.DoesNotContain(environment["loadgen"].Keys, key => key.Contains("AdminClientSecret", StringComparison.Ordinal));
        Assert.DoesNotContain(environment["dashboard"].Keys, key => key.Contains("AdminClientSecret", StringComparison.Ordinal));
        Assert.Contains("Identity__AdminClientSecret", environment["api"].Keys);
    }

    [Theory]
    [InlineData("--Dashboard:OpenInDevelopment=true")]
    [InlineData("--Dashboard:ConfirmOpenWithoutSignIn=true")]
    public async Task OneOpenModeSwitchAloneOpensNothing(string onlySwitch)
    {
        var environment = await EnvironmentsAsync(onlySwitch);

        Assert.DoesNotContain(environment["dashboard"].Keys, key => key.StartsWith("Dashboard__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BothOpenModeSwitchesGiveTheDashboardTheSecretItThenActsWith()
    {
        var environment = await EnvironmentsAsync("--Dashboard:OpenInDevelopment=true", "--Dashboard:ConfirmOpenWithoutSignIn=true");

        Assert.Contains("Dashboard__AdminClientSecret", environment["dashboard"].Keys);
        Assert.Equal("true", environment["dashboard"]["Dashboard__ConfirmOpenWithoutSignIn"] as string);
    }

    private static async Task<Dictionary<string, Dictionary<string, object>>> EnvironmentsAsync(params string[] extra)
    {
        using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.EventPipeline_AppHost>(
            ["--Infrastructure:Mode=local", $"--Infrastructure:StateDirectory={AppHostRunner.NewStateDirectory()}",
             "--Parameters:admin-client-secret=unit-admin-secret-0123456789abcdef",
             "--Parameters:demo-client-secret=unit-demo-secret-0123456789abcdef",
             "--Parameters:jwt-signing-key=unit-signing-key-0123456789abcdef0123456789abcdef0123456789abcdef",
             .. extra]);
        var environments = new Dictionary<string, Dictionary<string, object>>();
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            // The variables as set by the AppHost's code (values unresolved: a parameter stays a parameter).
            var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), project, [], CancellationToken.None);
            foreach (var callback in project.Annotations.OfType<EnvironmentCallbackAnnotation>())
            {
                await callback.Callback(context);
            }
            environments[project.Name] = context.EnvironmentVariables;
        }
        return environments;
    }
}
