using System.Diagnostics.Metrics;
using System.Text.Json;
using EventPipeline.LoadGen.Engine;
using EventPipeline.Resilience.Reporting;
using EventPipeline.Resilience.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Resilience;

/// <summary>Starts the system once, runs the scenarios one after another, prints and saves the figures.</summary>
public static class HarnessRun
{
    public static async Task<int> RunAsync(HarnessSettings settings, IReadOnlyList<Scenario> scenarios, TextWriter output, CancellationToken cancellationToken)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new LoadGenMetrics(services.GetRequiredService<IMeterFactory>());
        output.WriteLine($"starting redis-server, PostgreSQL and {settings.Replicas} API replicas in {settings.WorkDirectory}");
        await using var system = await PipelineSystem.StartAsync(settings);
        var runner = new ScenarioRunner(system, metrics);
        await runner.WarmUpAsync();
        var results = new List<ScenarioResult>();
        var broken = 0;
        foreach (var scenario in scenarios)
        {
            output.WriteLine($"{scenario.Name}: {scenario.Description}");
            try
            {
                var result = await runner.RunAsync(scenario, cancellationToken);
                results.Add(result);
                output.WriteLine($"  {(result.Passed ? "pass" : "FAIL: " + string.Join("; ", result.Failures))}");
            }
            catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
            {
                // The harness itself failed (not the system): say so, and go on with the next fault.
                broken++;
                output.WriteLine($"  HARNESS ERROR: {ex}");
            }
        }

        output.WriteLine();
        ResultsPrinter.PrintHeader(output, settings);
        ResultsPrinter.PrintTable(output, results);
        var json = Path.Combine(settings.WorkDirectory, "results.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, ResultsJson.Options), CancellationToken.None);
        output.WriteLine($"ledgers, logs and {Path.GetFileName(json)} in {settings.WorkDirectory}");
        return broken == 0 && results.TrueForAll(r => r.Passed) ? 0 : 1;
    }
}
