using System.Text.Json;
using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Engine;

namespace EventPipeline.LoadGen.Cli;

public static class CliRunner
{
    public const int ExitOk = 0;
    public const int ExitCheckFailed = 1;
    public const int ExitBadOptions = 2;
    public const int ExitRunFailed = 3;

    public static async Task<int> RunAsync(RunOptions options, string? jsonPath, int? serverPid, LoadGenMetrics metrics, CancellationToken cancellationToken)
    {
        var errors = RunOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            foreach (var (name, messages) in errors)
            {
                await Console.Error.WriteLineAsync($"--{name}: {string.Join(" ", messages)}");
            }

            return ExitBadOptions;
        }

        using var run = new LoadRun(options, metrics) { MeasureCpuOf = serverPid };
        using var stopOnCancel = cancellationToken.Register(run.Stop);
        run.Start();
        await ProgressPrinter.PrintUntilDoneAsync(run, Console.Out);
        var report = await run.Completion;
        ReportPrinter.Print(report, Console.Out);
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(report, LoadGenJson.Options), CancellationToken.None);
            await Console.Out.WriteLineAsync($"Report written to {jsonPath}");
        }

        return report.State == RunState.Failed ? ExitRunFailed
            : report.Check is { Passed: false } ? ExitCheckFailed
            : ExitOk;
    }
}
