namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Bucket bounds (seconds) of <c>http.server.request.duration</c>. ASP.NET Core's own jump from 25 to
/// 50 ms and on to 75 ms: a p99 read from them could not tell 26 ms from 50, and the latency
/// promises this system is measured against (20 ms at 80 % load, 50 ms past saturation) sat on or
/// between those edges. A bound at every promise and one below each lets a quantile say which side
/// it is on (Prometheus's advice: put the SLO's threshold on a bucket bound).
/// </summary>
public static class RequestDurationBuckets
{
    public const string Instrument = "http.server.request.duration";

    public static IReadOnlyList<double> Bounds { get; } =
        [0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
}
