using EventPipeline.Api.Limiting.Local;


namespace EventPipeline.Api.LiveStats;

/// <summary>The circuit state as the live view names it: snake_case, like the metrics' tag values.</summary>
public static class CircuitStateName
{
    public const string Closed = "closed";
    public const string Open = "open";
    public const string HalfOpen = "half_open";

    public static string Of(CircuitState state) => state switch
    {
        CircuitState.Open => Open,
        CircuitState.HalfOpen => HalfOpen,
        _ => Closed,
    };
}
