using EventPipeline.LoadGen.Checking;

namespace EventPipeline.LoadGen.Engine;

// Per-client send log for --check; a lock per client keeps contention to that client's answers.
public sealed class CheckSamples
{
    private readonly List<CheckSample> _samples = [];
    private readonly Lock _gate = new();

    public void Add(double sentAt, int status, double answeredAt)
    {
        lock (_gate)
        {
            _samples.Add(new CheckSample(sentAt, status, answeredAt));
        }
    }

    public IReadOnlyList<CheckSample> Snapshot()
    {
        lock (_gate)
        {
            return [.. _samples];
        }
    }
}
