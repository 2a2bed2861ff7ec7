namespace EventPipeline.LoadGen.Profiles;

public sealed class SteadyProfile(double rps) : IRateProfile
{
    public string Name => "steady";

    public double RateAt(double seconds) => rps;

    public double CumulativeAt(double seconds) => rps * Math.Max(0, seconds);
}
