using System.CommandLine;
using System.Globalization;
using EventPipeline.Resilience.Scenarios;
using EventPipeline.Resilience.Soak;

namespace EventPipeline.Resilience;

// `scenarios [name...|all]` and `soak`, with the options run.sh and soak.sh pass through.
public static class ResilienceCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("EventPipeline resilience harness: faults injected under open-loop load, reconciled against PostgreSQL.");
        root.Subcommands.Add(Scenarios());
        root.Subcommands.Add(Soak());
        return root;
    }

    private static Command Scenarios()
    {
        var names = new Argument<string[]>("scenario") { Description = "Scenarios to run, or all.", Arity = ArgumentArity.ZeroOrMore };
        var duration = new Option<double>("--duration") { Description = "Seconds each fault lasts.", DefaultValueFactory = _ => 20 };
        var failureMode = new Option<string>("--failure-mode") { Description = "The ingest policy's failure mode: Local, Closed or Open.", DefaultValueFactory = _ => "Local" };
        var output = new Option<string?>("--out") { Description = "Folder for ledgers, logs and results.json." };
        var command = new Command("scenarios", "Run fault scenarios: " + string.Join(", ", ScenarioCatalog.All.Select(s => s.Name)) + ".") { names, duration, failureMode, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var chosen = result.GetValue(names) is { Length: > 0 } given && !given.Contains("all")
                ? given.Select(ScenarioCatalog.Named).ToList()
                : [.. ScenarioCatalog.All];
            var settings = new HarnessSettings
            {
                WorkDirectory = result.GetValue(output) ?? DefaultFolder("scenarios"),
                FailureMode = result.GetValue(failureMode)!,
                Timing = ScenarioTiming.Full(TimeSpan.FromSeconds(result.GetValue(duration))),
            };
            return await HarnessRun.RunAsync(settings, chosen, Console.Out, cancellationToken);
        });
        return command;
    }

    private static Command Soak()
    {
        var duration = new Option<double>("--duration") { Description = "Seconds of wave traffic.", DefaultValueFactory = _ => 3600 };
        var output = new Option<string?>("--out") { Description = "Folder for the ledger, logs and soak.json." };
        var command = new Command("soak", "An hour (by default) of wave traffic: memory, Redis keys and p99 drift.") { duration, output };
        command.SetAction(async result => await SoakRun.RunAsync(
            new HarnessSettings { WorkDirectory = result.GetValue(output) ?? DefaultFolder("soak") }, result.GetValue(duration), Console.Out));
        return command;
    }

    private static string DefaultFolder(string kind) =>
        Path.Combine(Processes.RepositoryPaths.Root, "resilience", "results", $"{kind}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
}
