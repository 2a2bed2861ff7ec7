using System.Globalization;
using EventPipeline.Resilience.Scenarios;

namespace EventPipeline.Resilience.Reporting;

/// <summary>The per-scenario figures as a Markdown table: readable in a terminal, pasted as is into the README.</summary>
public static class ResultsPrinter
{
    public static void PrintHeader(TextWriter output, HarnessSettings settings) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Replicas} API replicas, failure mode {settings.FailureMode}, limit {settings.Capacity} then {settings.Refill}/s per client, " +
            $"{settings.Rps} req/s open loop over {settings.Clients} clients, fault {settings.Timing.Fault.TotalSeconds:F0} s"));

    public static void PrintTable(TextWriter output, IReadOnlyList<ScenarioResult> results)
    {
        output.WriteLine("| scenario | sent | answers by status | 500s | lost | phantom | dup | stored, not acked | admitted / ideal (over) | promise | p99 before / during fault | recovery | result |");
        output.WriteLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- | --- | ---: | --- |");
        foreach (var r in results)
        {
            var answers = string.Join(" ", r.AnswersByStatus.Select(a => $"{(a.Key == 0 ? "none" : a.Key.ToString(CultureInfo.InvariantCulture))}:{a.Value}"));
            var o = r.OverAdmission;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Sent} | {answers} | {r.Responses500} | {r.Reconciliation.Lost} | {r.Reconciliation.Phantom} | {r.Reconciliation.Duplicates} | " +
                $"{r.Reconciliation.StoredNotAcknowledged}{(r.Reconciliation.LateFromEarlierLoad > 0 ? $" (+{r.Reconciliation.LateFromEarlierLoad} late)" : "")} | {o.Admitted} / {o.Ideal} ({o.Over}) | {o.Promise}{(o.WithinPromise ? "" : " BROKEN")} | " +
                $"{r.BeforeP99Ms:F0} / {r.FaultP99Ms:F0} ms | {(r.Recovery.Recovered ? $"{r.Recovery.Seconds:F1} s" : "no")} | {(r.Passed ? "pass" : "FAIL: " + string.Join("; ", r.Failures))} |"));
        }
    }
}
