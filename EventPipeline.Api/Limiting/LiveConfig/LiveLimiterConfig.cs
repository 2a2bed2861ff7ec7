using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting.LiveConfig;

/// <summary>
/// The config version this replica enforces. Readers take one immutable snapshot per decision,
/// so a change never mixes old and new limits within one request.
/// </summary>
public sealed class LiveLimiterConfig(IOptions<LimiterOptions> options)
{
    private volatile LimiterConfigSnapshot _current = new(0, LimiterConfigWire.FromOptions(options.Value));

    public LimiterConfigSnapshot Current => _current;

    /// <summary>Applies a version if it is newer than the one held; returns whether it was.</summary>
    public bool TryApply(LimiterConfigSnapshot snapshot)
    {
        while (true)
        {
            var current = _current;
            if (snapshot.Version <= current.Version)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _current, snapshot, current) == current)
            {
                return true;
            }
        }
    }
}

public sealed record LimiterConfigSnapshot(long Version, LimiterConfigDocument Document);
