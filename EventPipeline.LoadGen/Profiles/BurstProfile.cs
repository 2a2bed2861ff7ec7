namespace EventPipeline.LoadGen.Profiles;

// Every `every` seconds the rate jumps to `peak` for `burstSeconds`, then falls back to `base`:
// the sawtooth of admitted traffic this produces is what shows a bucket's capacity being spent.
public sealed class BurstProfile(double baseRps, double peakRps, double burstSeconds, double everySeconds) : IRateProfile
{
    public string Name => "burst";

    public double RateAt(double seconds)
    {
        var phase = seconds - (Math.Floor(seconds / everySeconds) * everySeconds);
        return phase < burstSeconds ? peakRps : baseRps;
    }

    public double CumulativeAt(double seconds)
    {
        if (seconds <= 0)
        {
            return 0;
        }

        var cycles = Math.Floor(seconds / everySeconds);
        var phase = seconds - (cycles * everySeconds);
        var perCycle = (peakRps * burstSeconds) + (baseRps * (everySeconds - burstSeconds));
        return (cycles * perCycle)
            + (peakRps * Math.Min(phase, burstSeconds))
            + (baseRps * Math.Max(0, phase - burstSeconds));
    }
}
