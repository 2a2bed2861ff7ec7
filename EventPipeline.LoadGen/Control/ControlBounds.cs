using EventPipeline.Contracts.Runs;

namespace EventPipeline.LoadGen.Control;

/// <summary>
/// The most a run started through the control API may ask for, so that even an operator's token
/// cannot turn the service into a flood tool; the command line, run by hand, is not bound by them.
/// </summary>
public static class ControlBounds
{
    public const double MaxRps = 5_000;
    public const double MaxDurationSeconds = 3_600;
    public const int MaxConnections = 512;
    public const int MaxClients = 20;
    public const int MaxInFlight = 50_000;
    public const int MaxBatch = 500;
    public const int MaxPayloadBytes = 65_536;

    public static Dictionary<string, string[]> Validate(RunOptions options)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(bool ok, string name, string message)
        {
            if (!ok)
            {
                errors[name] = [message];
            }
        }
        foreach (var (name, rate) in new[] { ("rps", options.Rps), ("base", options.Base), ("peak", options.Peak), ("min", options.Min), ("max", options.Max) })
        {
            Require(rate is null or <= MaxRps, name, $"{name} must be at most {MaxRps} requests per second.");
        }
        Require(options.Duration <= MaxDurationSeconds, "duration", $"duration must be at most {MaxDurationSeconds} seconds.");
        Require(options.Connections <= MaxConnections, "connections", $"connections must be at most {MaxConnections}.");
        Require(options.Clients <= MaxClients, "clients", $"clients must be at most {MaxClients} (the demo clients loadgen-01 .. loadgen-20).");
        Require(options.MaxInFlight <= MaxInFlight, "max-in-flight", $"max-in-flight must be at most {MaxInFlight}.");
        Require(options.Batch <= MaxBatch, "batch", $"batch must be at most {MaxBatch} events.");
        Require(options.PayloadBytes <= MaxPayloadBytes, "payload-bytes", $"payload-bytes must be at most {MaxPayloadBytes}.");
        return errors;
    }
}
