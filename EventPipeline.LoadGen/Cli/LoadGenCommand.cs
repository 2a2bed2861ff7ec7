using System.CommandLine;
using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Engine;
using EventPipeline.LoadGen.Sink;

namespace EventPipeline.LoadGen.Cli;

// `loadgen <profile> [options]`: one subcommand per profile, each binding into RunOptions.
public static class LoadGenCommand
{
    public static readonly string[] Verbs = ["steady", "burst", "wave", "sink", "--help", "-h", "-?", "--version"];

    public static RootCommand Create(LoadGenMetrics metrics)
    {
        var root = new RootCommand("EventPipeline load generator: open-loop steady, burst and wave traffic.");
        root.Subcommands.Add(Profile("steady", "Constant rate.", metrics, out var rps).With(rps, "--rps", "Requests per second."));
        root.Subcommands.Add(Burst(metrics));
        root.Subcommands.Add(Wave(metrics));
        root.Subcommands.Add(SinkCommand.Create());
        return root;
    }

    private static Command Burst(LoadGenMetrics metrics)
    {
        var command = Profile("burst", "Base rate with periodic bursts at peak rate.", metrics, out var options);
        return command.With(options, "--base", "Requests per second between bursts.")
            .With(options, "--peak", "Requests per second during a burst.")
            .With(options, "--burst-seconds", "Length of each burst.")
            .With(options, "--every", "Seconds from one burst's start to the next.");
    }

    private static Command Wave(LoadGenMetrics metrics)
    {
        var command = Profile("wave", "Sinusoidal rate between min and max.", metrics, out var options);
        return command.With(options, "--min", "Lowest requests per second.")
            .With(options, "--max", "Highest requests per second.")
            .With(options, "--period", "Seconds per full wave.");
    }

    private static Command Profile(string name, string description, LoadGenMetrics metrics, out Dictionary<string, Option<double?>> rates)
    {
        var command = new Command(name, description);
        var common = new CommonOptions();
        common.AddTo(command);
        var profileRates = new Dictionary<string, Option<double?>>();
        rates = profileRates;
        command.SetAction(async (result, cancellationToken) =>
        {
            double? Rate(string option) => profileRates.TryGetValue(option, out var o) ? result.GetValue(o) : null;
            var options = common.Bind(result, new RunOptions
            {
                Profile = name,
                Rps = Rate("--rps"),
                Base = Rate("--base"),
                Peak = Rate("--peak"),
                BurstSeconds = Rate("--burst-seconds"),
                Every = Rate("--every"),
                Min = Rate("--min"),
                Max = Rate("--max"),
                Period = Rate("--period"),
            });
            return await CliRunner.RunAsync(options, result.GetValue(common.Json), result.GetValue(common.ServerPid), metrics, cancellationToken);
        });
        return command;
    }

    private static Command With(this Command command, Dictionary<string, Option<double?>> rates, string name, string description)
    {
        var option = new Option<double?>(name) { Description = description };
        rates[name] = option;
        command.Options.Add(option);
        return command;
    }
}
