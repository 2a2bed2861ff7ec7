namespace EventPipeline.Tests.Hardening;

/// <summary>
/// The API process's peak resident memory, whatever ran before: a bound no replica reaches in
/// normal work, which one buffered gigabyte (or even a few hundred megabytes) would break.
/// </summary>
internal static class MemoryBound
{
    public const long PeakBytes = 400L << 20;

    public static void Assert(KestrelApi api)
    {
        Xunit.Assert.True(api.IsRunning, $"The API process died:\n{api.RecentOutput()}");
        var peak = api.PeakResidentBytes();
        Xunit.Assert.True(peak < PeakBytes, $"The API's peak resident memory is {peak >> 20} MiB, over {PeakBytes >> 20} MiB.");
    }
}
