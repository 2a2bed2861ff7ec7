using System.Text.Json.Serialization;

namespace EventPipeline.Contracts.Limiting;

/// <summary>A live change of a policy's mode or failure mode, e.g. to try a new limit in shadow first.</summary>
public sealed record PolicyOverride(
    [property: JsonPropertyName("mode"), JsonConverter(typeof(JsonStringEnumConverter<PolicyMode>))] PolicyMode? Mode,
    [property: JsonPropertyName("failure_mode"), JsonConverter(typeof(JsonStringEnumConverter<FailureMode>))] FailureMode? FailureMode);
