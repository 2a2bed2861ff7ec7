using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventPipeline.LoadGen.Engine;

public static class LoadGenJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
