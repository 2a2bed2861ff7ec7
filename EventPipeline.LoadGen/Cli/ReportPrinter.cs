using System.Globalization;
using EventPipeline.Contracts.Runs;

namespace EventPipeline.LoadGen.Cli;

public static class ReportPrinter
{
    public static void Print(RunReport report, TextWriter output)
    {
        void Line(FormattableString text) => output.WriteLine(text.ToString(CultureInfo.InvariantCulture));
        var options = report.Options;
        Line($"");
        Line($"Run {report.State}: {options.Profile} for {options.Duration:F0}s, {options.Clients} client(s), {report.ElapsedSeconds:F1}s elapsed");
        if (report.Error is not null)
        {
            Line($"Error: {report.Error}");
        }

        Line($"Intended {report.Intended}, sent {report.Sent}, skipped {report.Skipped}, abandoned {report.Abandoned}, achieved {report.AchievedRps:F1} req/s, answered {report.AnsweredRps:F1} req/s");
        Line($"Answers: {string.Join("  ", report.Responses.Select(r => $"{r.Key} {r.Value}"))}");
        var l = report.Latency;
        Line($"Latency from schedule (ms): p50 {l.P50Ms:F2}  p90 {l.P90Ms:F2}  p99 {l.P99Ms:F2}  p99.9 {l.P999Ms:F2}  max {l.MaxMs:F2}");
        var s = report.SendLateness;
        Line($"Send lateness vs schedule (ms): p50 {s.P50Ms:F3}  p99 {s.P99Ms:F3}  max {s.MaxMs:F3}");
        if (report.Cost is { } cost)
        {
            Line($"CPU per request while sending: generator {cost.GeneratorCpuUsPerRequest:F1} us{(cost.ServerCpuUsPerRequest is { } server ? $", server {server:F1} us" : "")}");
        }

        Line($"Per second: second intended sent 202 200 429 4xx 5xx err");
        foreach (var x in report.Series)
        {
            Line($"  {x.Second,4} {x.Intended,9:F1} {x.Sent,7} {x.Accepted,7} {x.Duplicate,5} {x.Limited,7} {x.ClientError,5} {x.ServerError,5} {x.TransportError,5}");
        }

        Line($"Per client: id sent allowed limited errors");
        foreach (var c in report.Clients)
        {
            Line($"  {c.ClientId} {c.Sent} {c.Allowed} {c.Limited} {c.Errors}");
        }

        if (report.Check is { } check)
        {
            Line($"Check {(check.Passed ? "PASSED" : "FAILED")} (capacity {check.Capacity}, refill {check.Refill}/s, tolerance {check.ToleranceSeconds}s)");
            foreach (var c in check.Clients)
            {
                Line($"  {c.ClientId}: admitted {c.Admitted} of {c.Considered}, ideal {c.IdealAdmits}, allowed range [{c.LowerBound}, {c.UpperBound}] (longest travel {c.MaxTravelSeconds:F2} s) {c.Reason ?? "ok"}");
            }
        }
    }
}
