namespace EventPipeline.LoadGen.Profiles;

// Request k (1-based) is due at the instant the profile's integral reaches k - 1, so the first
// goes out at the start and every request of the run falls inside [0, duration). Both directions
// are needed: the sender asks how many are due now, and the recorder asks when each one was due
// so latency is measured from the schedule, not from when the sender got round to it.
public sealed class SendSchedule(IRateProfile profile, double durationSeconds)
{
    private const double Epsilon = 1e-9;

    public IRateProfile Profile => profile;

    public double DurationSeconds => durationSeconds;

    public long TotalCount { get; } = (long)Math.Ceiling(profile.CumulativeAt(durationSeconds) - Epsilon);

    public long DueBy(double seconds) => seconds < 0
        ? 0
        : Math.Min(TotalCount, (long)Math.Floor(profile.CumulativeAt(Math.Min(seconds, durationSeconds)) + Epsilon) + 1);

    /// <summary>The instant request <paramref name="index"/> is due, searched within [low, high].</summary>
    public double TimeOf(long index, double low, double high)
    {
        if (profile.CumulativeAt(low) + Epsilon >= index - 1)
        {
            return low;
        }

        for (var i = 0; i < 60 && high - low > 1e-7; i++)
        {
            var middle = (low + high) / 2;
            if (profile.CumulativeAt(middle) + Epsilon >= index - 1)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return high;
    }

    public double TimeOf(long index) => TimeOf(index, 0, durationSeconds);
}
