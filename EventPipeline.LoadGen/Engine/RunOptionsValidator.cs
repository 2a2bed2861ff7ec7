using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Profiles;

namespace EventPipeline.LoadGen.Engine;

// Errors are keyed by option name so the control API can return them as a validation problem and
// the command line can print them as they were typed.
public static class RunOptionsValidator
{
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

        switch (options.Profile)
        {
            case "steady":
                Require(options.Rps is > 0, "rps", "steady needs --rps greater than 0.");
                break;
            case "burst":
                Require(options.Base is >= 0, "base", "burst needs --base of 0 or more.");
                Require(options.Peak is > 0 && options.Peak >= (options.Base ?? 0), "peak", "burst needs --peak greater than 0 and at least --base.");
                Require(options.Every is > 0, "every", "burst needs --every greater than 0.");
                Require(options.BurstSeconds is > 0 && options.BurstSeconds <= (options.Every ?? 0), "burst-seconds", "burst needs --burst-seconds greater than 0 and at most --every.");
                break;
            case "wave":
                Require(options.Min is >= 0, "min", "wave needs --min of 0 or more.");
                Require(options.Max is > 0 && options.Max >= (options.Min ?? 0), "max", "wave needs --max greater than 0 and at least --min.");
                Require(options.Period is > 0, "period", "wave needs --period greater than 0.");
                break;
            default:
                errors["profile"] = ["profile must be steady, burst or wave."];
                break;
        }

        Require(options.Duration is > 0 and <= 86_400, "duration", "--duration must be between 0 and 86400 seconds.");
        Require(options.Clients is >= 1 and <= 999, "clients", "--clients must be between 1 and 999.");
        Require(options.PayloadBytes is >= 0 and <= 1_048_576, "payload-bytes", "--payload-bytes must be between 0 and 1048576.");
        Require(options.Duplicates is >= 0 and <= 1, "duplicates", "--duplicates must be a fraction between 0 and 1.");
        Require(options.Invalid is >= 0 and <= 1, "invalid", "--invalid must be a fraction between 0 and 1.");
        Require(options.Duplicates + options.Invalid <= 1, "duplicates", "--duplicates plus --invalid must not exceed 1.");
        Require(options.Batch is >= 0 and <= 1000, "batch", "--batch must be between 0 (single events) and 1000.");
        Require(options.Url is { IsAbsoluteUri: true, Scheme: "http" or "https" }, "url", "--url must be an absolute http or https URL.");
        Require(options.Connections is >= 1 and <= 65_535, "connections", "--connections must be between 1 and 65535.");
        Require(options.Senders is >= 1 and <= 64, "senders", "--senders must be between 1 and 64.");
        Require(options.MaxInFlight >= 1, "max-in-flight", "--max-in-flight must be at least 1.");
        Require(!options.RawHttp1 || (options.Url?.Scheme == "http" && !options.Http2), "raw-http1", "--raw-http1 speaks HTTP/1.1 without TLS: it needs an http:// --url and no --http2.");
        Require(options.LedgerPath is null || !options.IsBatch, "ledger", "--ledger records single events; it cannot be combined with --batch.");
        Require(options.ClockSkewSeconds is null or (>= -31_536_000 and <= 31_536_000), "clock-skew", "--clock-skew must be within a year either way.");
        Require(options.CheckToleranceSeconds >= 0, "check-tolerance", "--check-tolerance must be 0 or more seconds.");
        if (options.Check && (options.Capacity is not null || options.Refill is not null || string.IsNullOrEmpty(options.AdminSecret)))
        {
            // Either both limits are given, or neither and the admin secret lets the run read them.
            const string Either = "or neither, with an admin secret to read them from GET /v1/config/limiter";
            Require(options.Capacity is > 0, "capacity", $"--check needs --capacity greater than 0 ({Either}).");
            Require(options.Refill is > 0, "refill", $"--check needs --refill (tokens per second) greater than 0 ({Either}).");
        }

        return errors;
    }

    public static IRateProfile CreateProfile(RunOptions options) => options.Profile switch
    {
        "steady" => new SteadyProfile(options.Rps!.Value),
        "burst" => new BurstProfile(options.Base!.Value, options.Peak!.Value, options.BurstSeconds!.Value, options.Every!.Value),
        "wave" => new WaveProfile(options.Min!.Value, options.Max!.Value, options.Period!.Value),
        _ => throw new ArgumentException($"Unknown profile '{options.Profile}'.", nameof(options)),
    };
}
