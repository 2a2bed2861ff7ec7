using System.Text.Json;
using EventPipeline.Api.Apis;

namespace EventPipeline.Api.Ingestion;

/// <summary>Validates each event of a batch on its own, so one bad event never sinks the others.</summary>
internal static class BatchIngestion
{
    public static async Task<BatchItemAnswer[]> IngestAsync(JsonElement items, string clientId, HttpContext context, IngestServices services)
    {
        var answers = new BatchItemAnswer[items.GetArrayLength()];
        var valid = new List<(int Index, IncomingEvent Event)>(answers.Length);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var parsed = EventParser.Parse(item);
            if (parsed.Event is null)
            {
                answers[index] = new(index, "invalid", TryReadEventId(item), parsed.Errors);
            }
            else
            {
                valid.Add((index, parsed.Event));
            }
            index++;
        }
        services.Metrics.RecordRejected("invalid", answers.Length - valid.Count);

        var outcomes = await services.Ingestor.IngestAsync(clientId, valid.Select(v => v.Event).ToArray(), context.Connection.RemoteIpAddress, context.RequestAborted);
        for (var i = 0; i < valid.Count; i++)
        {
            answers[valid[i].Index] = IngestResponses.ForBatchItem(valid[i].Index, valid[i].Event.EventId, outcomes[i]);
        }
        return answers;
    }

    private static Guid? TryReadEventId(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("event_id", out var id)
        && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var parsed) ? parsed : null;
}
