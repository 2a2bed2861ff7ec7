using System.Globalization;
using EventPipeline.LoadGen.Engine;

namespace EventPipeline.LoadGen.Cli;

// One line a second: what the profile wanted, what went out, and what came back in that second.
public static class ProgressPrinter
{
    public static async Task PrintUntilDoneAsync(LoadRun run, TextWriter output)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var previous = run.Snapshot();
        var last = DateTime.UtcNow;
        while (!run.Completion.IsCompleted && await timer.WaitForNextTickAsync())
        {
            var now = DateTime.UtcNow;
            var current = run.Snapshot();
            var seconds = Math.Max(0.001, (now - last).TotalSeconds);
            double Rate(long a, long b) => (a - b) / seconds;
            long Delta(string key) => current.Responses[key] - previous.Responses[key];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{current.ElapsedSeconds,6:F1}s {current.State}] intended {Rate(current.Intended, previous.Intended),8:F0}/s  sent {Rate(current.Sent, previous.Sent),8:F0}/s  " +
                $"202 {Delta("accepted"),7}  200 {Delta("duplicate"),5}  429 {Delta("limited"),7}  4xx {Delta("client_error"),5}  " +
                $"5xx {Delta("server_error"),5}  err {Delta("transport_error"),5}  in-flight {current.InFlight,6}  p99 {current.Latency.P99Ms,8:F2} ms"));
            previous = current;
            last = now;
        }
    }
}
