namespace EventPipeline.LoadGen.Checking;

public enum Outcome
{
    Accepted,
    Duplicate,
    Limited,
    ClientError,
    ServerError,
    TransportError,
    Other,
}

public static class Outcomes
{
    public const int Count = 7;

    // snake_case, as metric tag values and JSON keys.
    public static readonly string[] Names =
        ["accepted", "duplicate", "limited", "client_error", "server_error", "transport_error", "other"];

    public static Outcome FromStatus(int status) => status switch
    {
        202 => Outcome.Accepted,
        200 => Outcome.Duplicate,
        429 => Outcome.Limited,
        >= 400 and < 500 => Outcome.ClientError,
        >= 500 => Outcome.ServerError,
        _ => Outcome.Other,
    };

    /// <summary>
    /// Whether the limiter let the request through: authentication runs before the limiter, and
    /// validation after it, so a 400 spent a token while a 401 or 403 never reached the bucket.
    /// </summary>
    public static bool ReachedLimiter(int status) =>
        status is >= 200 and < 500 && status is not (401 or 403);

    public static bool Admitted(int status) => ReachedLimiter(status) && status != 429;
}
