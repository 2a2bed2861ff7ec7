using System.Diagnostics;
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
        var (exitCode, output) = await PromtoolAsync("check", "rules", "rules.yml");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAlertFiresOnTheSeriesMeantToFireItAndStaysQuietOnTheOthers()
    {
        var (exitCode, output) = await PromtoolAsync("test", "rules", "rules.test.yml");

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

    private static async Task<(int ExitCode, string Output)> PromtoolAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("promtool") { WorkingDirectory = RulesDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
