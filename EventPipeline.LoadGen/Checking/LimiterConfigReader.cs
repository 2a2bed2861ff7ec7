using System.Net.Http.Headers;
using System.Text.Json;
using EventPipeline.LoadGen.Auth;

namespace EventPipeline.LoadGen.Checking;

// For --check without --capacity/--refill: reads the default limit from GET /v1/config/limiter
// with an admin token. The names accepted cover the original's body ({"bucket":200,"refill":25})
// and the spelled-out forms, at the top level or under "default". Tier and client overrides are
// not consulted: checked clients are expected to run on the default.
public static class LimiterConfigReader
{
    private static readonly string[] CapacityNames = ["capacity", "bucket"];
    private static readonly string[] RefillNames = ["refill", "refillPerSecond", "refill_per_second", "refillRate", "refill_rate"];

    public static async Task<(double Capacity, double Refill)> ReadAsync(
        HttpClient http, Uri apiUrl, string adminSecret, CancellationToken cancellationToken)
    {
        var admin = new ClientToken(http, new Uri(apiUrl, "/auth/token"), "admin", adminSecret);
        await admin.FetchAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(apiUrl, "/v1/config/limiter"));
        request.Headers.Authorization = admin.Current;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET /v1/config/limiter answered {(int)response.StatusCode}; pass --capacity and --refill instead.");
        }

        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return Parse(json.RootElement);
    }

    public static (double Capacity, double Refill) Parse(JsonElement root)
    {
        var scope = root.TryGetProperty("default", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
        return (Find(scope, CapacityNames, "capacity"), Find(scope, RefillNames, "refill"));
    }

    private static double Find(JsonElement scope, string[] names, string what)
    {
        foreach (var name in names)
        {
            if (scope.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.GetDouble() > 0)
            {
                return value.GetDouble();
            }
        }

        throw new HttpRequestException($"GET /v1/config/limiter gave no {what} ({string.Join(", ", names)}); pass --capacity and --refill instead.");
    }
}
