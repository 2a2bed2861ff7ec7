namespace EventPipeline.Contracts.Live;

/// <summary>
/// How much of the cluster's limiting went without Redis in the last seconds: decisions answered
/// from this replica's local bucket (admitted or refused), failed open, failed closed, and the
/// replicas whose circuit is not closed. Totals of allowed and limited alone look healthy while
/// every replica limits on its own.
/// </summary>
public sealed record LimiterHealth(int WindowSeconds, long Decisions, long Local, long FailedOpen, long FailedClosed, int CircuitsNotClosed)
{
    public double LocalShare => Share(Local);

    public double FailedOpenShare => Share(FailedOpen);

    public double FailedClosedShare => Share(FailedClosed);

    public bool Degraded => Local + FailedOpen + FailedClosed > 0 || CircuitsNotClosed > 0;

    private double Share(long count) => Decisions == 0 ? 0 : (double)count / Decisions;
}
