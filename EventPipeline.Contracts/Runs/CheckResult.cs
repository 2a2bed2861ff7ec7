namespace EventPipeline.Contracts.Runs;

public sealed record ClientCheck(
    string ClientId, int Considered, int Admitted, int IdealAdmits, int LowerBound, int UpperBound, bool Passed, string? Reason,
    double MaxTravelSeconds = 0);

public sealed record CheckResult(
    bool Passed, double Capacity, double Refill, double ToleranceSeconds, IReadOnlyList<ClientCheck> Clients);
