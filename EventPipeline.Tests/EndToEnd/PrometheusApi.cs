using System.Net.Http.Json;
using System.Text.Json;

namespace EventPipeline.Tests.EndToEnd;

/// <summary>The two calls of Prometheus' HTTP API the tests make.</summary>
internal sealed class PrometheusApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress };

    /// <summary>An instant query's series, each as its labels and value.</summary>
    public async Task<List<(Dictionary<string, string> Labels, string Value)>> QueryAsync(string promql)
    {
        var body = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/query?query={Uri.EscapeDataString(promql)}");
        return [.. body.GetProperty("data").GetProperty("result").EnumerateArray().Select(series => (
            series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            series.GetProperty("value")[1].GetString()!))];
    }

    /// <summary>The alerts as the server sees them: name, state (pending or firing) and labels.</summary>
    public async Task<List<(string Name, string State, Dictionary<string, string> Labels)>> AlertsAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/alerts");
        return [.. body.GetProperty("data").GetProperty("alerts").EnumerateArray().Select(alert =>
        {
            var labels = alert.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
            return (labels["alertname"], alert.GetProperty("state").GetString()!, labels);
        })];
    }

    /// <summary>Every series name Prometheus holds: what it scraped and what its rules recorded.</summary>
    public async Task<List<string>> NamesAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/label/__name__/values");
        return [.. body.GetProperty("data").EnumerateArray().Select(n => n.GetString()!)];
    }

    public void Dispose() => _http.Dispose();
}
