using System.ComponentModel;
using System.Diagnostics;

namespace EventPipeline.AppHost.Infrastructure;

/// <summary>Asks the container runtime's CLI whether an engine answers, with a bounded wait.</summary>
public static class ContainerRuntimeProbe
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    public static ContainerRuntimeStatus Check(string runtime)
    {
        var startInfo = new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        try
        {
            using var process = Process.Start(startInfo)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                return new(false, $"'{runtime} info' did not answer within {s_timeout.TotalSeconds:0} s");
            }

            return process.ExitCode == 0
                ? new(true, $"{runtime} {stdout.Result.Trim()}")
                : new(false, $"'{runtime} info' failed: {FirstLine(stderr.Result)}");
        }
        catch (Win32Exception)
        {
            return new(false, $"'{runtime}' is not installed");
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}

public sealed record ContainerRuntimeStatus(bool IsAvailable, string Description);
