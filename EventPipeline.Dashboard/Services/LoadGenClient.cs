using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventPipeline.Dashboard.Services;

/// <summary>The load generator's control API: start a profile, read the live status, stop.</summary>
public sealed class LoadGenClient(HttpClient http)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public async Task<string?> StartAsync(LoadRunRequest run, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("/runs", run, s_json, ct);
        return response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync(ct);
    }

    public async Task StopAsync(CancellationToken ct)
    {
        using var response = await http.DeleteAsync("/runs/current", ct);
    }

    public async Task<LoadRunStatus?> GetCurrentAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("/runs/current", ct);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LoadRunStatus>(s_json, ct) : null;
    }
}

public sealed record LoadRunRequest
{
    public string Profile { get; init; } = "steady";
    public double? Rps { get; init; }
    public double? Base { get; init; }
    public double? Peak { get; init; }
    public double? BurstSeconds { get; init; }
    public double? Every { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Period { get; init; }
    public double Duration { get; init; } = 60;
    public int Clients { get; init; } = 4;
}

public sealed record LoadRunStatus(
    string State,
    string? Error,
    LoadRunRequest Options,
    double ElapsedSeconds,
    long Sent,
    double AchievedRps,
    Dictionary<string, long> Responses);
