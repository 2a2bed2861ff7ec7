using System.Net;
using System.Net.Http.Json;
using EventPipeline.Contracts.Events;

namespace EventPipeline.Client;

/// <summary>
/// Typed calls to the EventPipeline API. Tokens, retries on 429/503 and on lost answers are handled
/// by the HTTP pipeline it is built on (<c>AddEventPipelineClient</c>); what reaches the caller is
/// a result, or an <see cref="EventPipelineProblemException"/> once the retry budget is spent.
/// </summary>
public sealed class EventPipelineClient(HttpClient http)
{
    public const string HttpClientName = "EventPipeline.Client";

    /// <summary>Stores one event: accepted, or duplicate when an earlier try (or call) already stored it.</summary>
    public async Task<IngestResult> SendAsync(PipelineEvent pipelineEvent, CancellationToken ct = default)
    {
        using var activity = EventPipelineTelemetry.Source.StartActivity("eventpipeline.send");
        using var response = await http.PostAsJsonAsync("/v1/events", pipelineEvent, ClientJson.Options, ct);
        return await ReadAsync<IngestResult>(response, ct);
    }

    /// <summary>Sends up to 500 events in one request; each gets its own result, in order.</summary>
    public async Task<BatchResult> SendBatchAsync(IReadOnlyCollection<PipelineEvent> events, CancellationToken ct = default)
    {
        using var activity = EventPipelineTelemetry.Source.StartActivity("eventpipeline.send_batch");
        activity?.SetTag("eventpipeline.batch.size", events.Count);
        using var response = await http.PostAsJsonAsync("/v1/events/batch", new { events }, ClientJson.Options, ct);
        return await ReadAsync<BatchResult>(response, ct);
    }

    /// <summary>One of this client's own events, or null when there is none with that id.</summary>
    public async Task<StoredEvent?> GetAsync(string eventId, CancellationToken ct = default)
    {
        using var response = await http.GetAsync($"/v1/events/{Uri.EscapeDataString(eventId)}", ct);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync<StoredEvent>(response, ct);
    }

    /// <summary>A page of this client's events, oldest first; pass <see cref="EventPage.NextCursor"/> for the next.</summary>
    public async Task<EventPage> ListAsync(string? source = null, DateTimeOffset? since = null, int? limit = null, string? cursor = null, CancellationToken ct = default)
    {
        var query = new List<string>();
        Add("source", source);
        Add("since", since?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("cursor", cursor);
        using var response = await http.GetAsync("/v1/events" + (query.Count > 0 ? "?" + string.Join('&', query) : ""), ct);
        return await ReadAsync<EventPage>(response, ct);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }
    }

    /// <summary>True when the API answers <c>/v1/ping</c>.</summary>
    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        using var response = await http.GetAsync("/v1/ping", ct);
        return response.IsSuccessStatusCode;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw await EventPipelineProblemException.FromAsync(response, ct);
        }
        return await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, ct)
            ?? throw new InvalidOperationException($"The API answered {(int)response.StatusCode} without a body.");
    }
}
