using System.Text.Json;

namespace EventPipeline.Resilience;

public static class ResultsJson
{
    public static JsonSerializerOptions Options { get; } = new() { WriteIndented = true };
}
