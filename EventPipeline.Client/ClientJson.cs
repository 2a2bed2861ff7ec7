using System.Text.Json;

namespace EventPipeline.Client;

/// <summary>The API's wire format is snake_case.</summary>
internal static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };
}
