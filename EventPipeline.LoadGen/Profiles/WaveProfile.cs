namespace EventPipeline.LoadGen.Profiles;

// A sinusoid that starts at its trough, so a run ramps up from `min` instead of opening at mid-rate.
public sealed class WaveProfile(double minRps, double maxRps, double periodSeconds) : IRateProfile
{
    public string Name => "wave";

    public double RateAt(double seconds) =>
        minRps + ((maxRps - minRps) * (1 - Math.Cos(2 * Math.PI * seconds / periodSeconds)) / 2);

    public double CumulativeAt(double seconds)
    {
        if (seconds <= 0)
        {
            return 0;
        }

        var omega = 2 * Math.PI / periodSeconds;
        return (minRps * seconds) + ((maxRps - minRps) / 2 * (seconds - (Math.Sin(omega * seconds) / omega)));
    }
}
