using EventPipeline.Resilience.Measuring;

namespace EventPipeline.Resilience.Scenarios;

/// <summary>One scenario's figures. Passed: nothing lost, invented or doubled, no 500, recovered by itself, the limiter within its promise.</summary>
public sealed record ScenarioResult(
    string Name,
    string Description,
    long Sent,
    IReadOnlyDictionary<int, long> AnswersByStatus,
    Reconciliation Reconciliation,
    OverAdmission OverAdmission,
    double FaultSeconds,
    double FaultP99Ms,
    double BeforeP99Ms,
    Recovery Recovery,
    int ReplicasDied,
    string? VerifyFailure,
    IReadOnlyList<string> StoppedReplicas)
{
    public long Responses500 => AnswersByStatus.GetValueOrDefault(500);

    public IReadOnlyList<string> Failures =>
    [
        .. Responses500 > 0 ? [$"{Responses500} responses 500"] : Array.Empty<string>(),
        .. Reconciliation.Lost > 0 ? [$"{Reconciliation.Lost} lost ({string.Join(", ", Reconciliation.LostSample)})"] : Array.Empty<string>(),
        .. Reconciliation.Phantom > 0 ? [$"{Reconciliation.Phantom} phantom ({string.Join(", ", Reconciliation.PhantomSample)})"] : Array.Empty<string>(),
        .. Reconciliation.Duplicates > 0 ? [$"{Reconciliation.Duplicates} duplicate rows"] : Array.Empty<string>(),
        .. Recovery.Recovered ? Array.Empty<string>() : ["did not recover by itself"],
        .. ReplicasDied > 0 ? [$"{ReplicasDied} API replica(s) died: {string.Join(" | ", StoppedReplicas)}"] : Array.Empty<string>(),
        .. OverAdmission.WithinPromise ? Array.Empty<string>() : [$"over-admission {OverAdmission.Over} breaks '{OverAdmission.Promise}'"],
        .. VerifyFailure is null ? Array.Empty<string>() : [VerifyFailure],
    ];

    public bool Passed => Failures.Count == 0;
}
