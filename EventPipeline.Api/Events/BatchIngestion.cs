using System.Runtime.InteropServices;
using System.Text.Json;
using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Events;

namespace EventPipeline.Api.Events;

/// <summary>
/// Validates each event of a batch on its own, so one bad event never sinks the others, charges
/// the limiter one token per valid event, and stores the valid ones.
/// </summary>
internal static class BatchIngestion
{
    public static async Task<BatchOutcome> IngestAsync(JsonElement items, string clientId, HttpContext context, IngestServices services)
    {
        var answers = new BatchItemResult[items.GetArrayLength()];
        var valid = new List<(int Index, IncomingEvent Event)>(answers.Length);
        var maxEventBytes = services.Options.Value.MaxEventBytes;
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            // The same per-event limit as POST /v1/events: a batch is no way around it.
            var parsed = JsonMarshal.GetRawUtf8Value(item).Length > maxEventBytes
                ? EventParseResult.Invalid(TooLarge(maxEventBytes))
                : EventParser.Parse(item);
            if (parsed.Event is null)
            {
                answers[index] = new(index, IngestStatus.Invalid, TryReadEventId(item), parsed.Errors);
            }
            else
            {
                valid.Add((index, parsed.Event));
            }
            index++;
        }
        services.Metrics.RecordRejected("invalid", answers.Length - valid.Count);

        // Every request costs at least one token, so a stream of all-invalid batches is limited too.
        var admitted = await AdmitAsync(context, Math.Max(1, valid.Count));
        if (admitted.Refusal is not null)
        {
            services.Metrics.RecordRejected("rate_limited", valid.Count);
            return new BatchOutcome(answers, admitted.Refusal);
        }
        foreach (var (refusedIndex, refused) in valid.Skip(admitted.Count))
        {
            answers[refusedIndex] = new(refusedIndex, IngestStatus.RateLimited, refused.EventId, RetryAfter: (int)admitted.RetryAfterSeconds);
        }
        services.Metrics.RecordRejected("rate_limited", Math.Max(0, valid.Count - admitted.Count));
        valid = valid.Take(admitted.Count).ToList();

        var outcomes = await services.Ingestor.IngestAsync(clientId, valid.Select(v => v.Event).ToArray(), context.Connection.RemoteIpAddress, context.RequestAborted);
        for (var i = 0; i < valid.Count; i++)
        {
            answers[valid[i].Index] = IngestResponses.ForBatchItem(valid[i].Index, valid[i].Event.EventId, outcomes[i]);
        }
        return new BatchOutcome(answers, Refusal: null);
    }

    // All n events if the bucket holds n tokens; else as many as it holds now (the smaller cost is
    // again all-or-none, so a race with another request can only admit fewer), and the rest are
    // rate_limited. A batch larger than the bucket's capacity first shrinks to the capacity.
    private static async Task<Admission> AdmitAsync(HttpContext context, int count)
    {
        var cost = count;
        IResult? lastRefusal = null;
        long retryAfter = 1;
        for (var attempt = 0; attempt < 3 && cost > 0; attempt++)
        {
            var decision = await context.DecideLimitAsync(LimitPolicyNames.IngestBatch, cost);
            if (decision.IsAllowed)
            {
                return new(cost, retryAfter, null);
            }
            var refusal = RejectionResponses.For(decision);
            lastRefusal = refusal;
            switch (decision.Outcome)
            {
                case LimitOutcome.TooLarge:
                    cost = (int)Math.Min(Math.Floor(decision.Limit?.Capacity ?? 0), cost - 1);
                    break;
                case LimitOutcome.Limited or LimitOutcome.LocalLimited:
                    retryAfter = Math.Max(1, decision.RetryAfterSeconds);
                    cost = (int)Math.Min(decision.Remaining, cost - 1);
                    break;
                default:
                    // Failed closed: the 503 says why and when to come back.
                    return new(0, 0, refusal);
            }
        }
        return new(0, retryAfter, lastRefusal);
    }

    private static Dictionary<string, string[]> TooLarge(int maxEventBytes) =>
        new() { [""] = [$"An event must be at most {maxEventBytes} bytes."] };

    private sealed record Admission(int Count, long RetryAfterSeconds, IResult? Refusal);

    private static string? TryReadEventId(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("event_id", out var id)
        && id.ValueKind == JsonValueKind.String && EventIds.IsValid(id.GetString()) ? EventIds.Normalize(id.GetString()!) : null;
}

/// <summary>
/// Per-event answers, or the limiter's refusal of the whole batch: its tokens are taken all or
/// none, so a refused batch stored nothing and is retried whole after Retry-After.
/// </summary>
internal sealed record BatchOutcome(BatchItemResult[] Items, IResult? Refusal);
