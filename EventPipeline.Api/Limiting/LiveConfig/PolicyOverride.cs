using System.Text.Json.Serialization;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.LiveConfig;

/// <summary>A live change of a policy's mode or failure mode, e.g. to try a new limit in shadow first.</summary>
public sealed record PolicyOverride(
    [property: JsonPropertyName("mode"), JsonConverter(typeof(JsonStringEnumConverter<PolicyMode>))] PolicyMode? Mode,
    [property: JsonPropertyName("failure_mode"), JsonConverter(typeof(JsonStringEnumConverter<FailureMode>))] FailureMode? FailureMode)
{
    public LimitPolicy ApplyTo(LimitPolicy policy) =>
        policy with { Mode = Mode ?? policy.Mode, FailureMode = FailureMode ?? policy.FailureMode };
}
