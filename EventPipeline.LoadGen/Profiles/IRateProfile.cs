namespace EventPipeline.LoadGen.Profiles;

// A traffic shape as pure arithmetic: the scheduler needs the integral, not only the rate, so that
// the number of requests due by any instant is exact instead of accumulated from rounded steps.
public interface IRateProfile
{
    string Name { get; }

    /// <summary>Requests per second wanted at <paramref name="seconds"/> after the start.</summary>
    double RateAt(double seconds);

    /// <summary>Requests wanted in [0, <paramref name="seconds"/>]: the integral of <see cref="RateAt"/>.</summary>
    double CumulativeAt(double seconds);
}
