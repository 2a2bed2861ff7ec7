using EventPipeline.Resilience.Processes;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>The rules file the AppHost's Prometheus loads, checked and unit-tested by Prometheus' own promtool.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class PrometheusRulesTests
{
    public static readonly string RulesDirectory = Path.Combine(RepositoryPaths.Root, "monitoring", "prometheus");

    [Fact]
    public async Task PromtoolAcceptsTheRulesFile()
    {
        var (exitCode, output) = await Promtool.RunAsync(RulesDirectory, "check", "rules", "rules.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAlertFiresOnTheSeriesMeantToFireItAndStaysQuietOnTheOthers()
    {
        var (exitCode, output) = await Promtool.RunAsync(RulesDirectory, "test", "rules", "rules.test.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAlertInTheRulesFileHasARuleTest()
    {
        var rules = await File.ReadAllLinesAsync(Path.Combine(RulesDirectory, "rules.yml"));
        var tests = await File.ReadAllTextAsync(Path.Combine(RulesDirectory, "rules.test.yml"));

        var alerts = rules.Select(l => l.Trim()).Where(l => l.StartsWith("- alert: ", StringComparison.Ordinal))
            .Select(l => l["- alert: ".Length..].Trim()).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert => Assert.Contains($"alertname: {alert}\n", tests, StringComparison.Ordinal));
    }
}
