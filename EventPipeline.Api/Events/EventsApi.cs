using System.Security.Claims;
using System.Text.Json;
using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Identity;
using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Events;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Events;

internal static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/v1/events").WithTags("Events");

        events.MapPost("/", PostEventAsync).RequireAuthorization(Scopes.EventsWrite).RequireRateLimiting(LimitPolicyNames.Ingest)
            .DescribeSingleEvent();
        // A batch is charged one token per valid event, which is known only after reading it.
        events.MapPost("/batch", PostBatchAsync).RequireAuthorization(Scopes.EventsWrite)
            .DescribeBatch();
        events.MapGet("/{eventId}", GetEventAsync).RequireAuthorization(Scopes.EventsRead).RequireRateLimiting(LimitPolicyNames.Read)
            .Produces<StoredEvent>().ProducesProblem(StatusCodes.Status404NotFound);
        events.MapGet("/", ListEventsAsync).RequireAuthorization(Scopes.EventsRead).RequireRateLimiting(LimitPolicyNames.Read)
            .Produces<EventPage>().ProducesValidationProblem();

        return app;
    }

    private static async Task<IResult> PostEventAsync(HttpContext context, [AsParameters] IngestServices services)
    {
        var body = await JsonBodyReader.ReadAsync(context.Request, services.Options.Value.MaxEventBytes, context.RequestAborted);
        if (body.Document is null)
        {
            services.Metrics.RecordRejected(RejectionReason(body.Status));
            return body.ToProblem();
        }

        using var document = body.Document;
        var parsed = EventParser.Parse(document.RootElement);
        if (parsed.Event is null)
        {
            services.Metrics.RecordRejected("invalid");
            return TypedResults.ValidationProblem(parsed.Errors!, title: "The event is invalid");
        }

        var outcomes = await services.Ingestor.IngestAsync(ClientId(context.User), [parsed.Event], context.Connection.RemoteIpAddress, context.RequestAborted);
        return IngestResponses.ForSingle(parsed.Event.EventId, outcomes[0], context);
    }

    private static async Task<IResult> PostBatchAsync(HttpContext context, [AsParameters] IngestServices services)
    {
        var options = services.Options.Value;
        var body = await JsonBodyReader.ReadAsync(context.Request, options.MaxBatchBytes, context.RequestAborted);
        if (body.Document is null)
        {
            services.Metrics.RecordRejected(RejectionReason(body.Status));
            return await ChargedAsync(context, body.ToProblem());
        }

        using var document = body.Document;
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("events", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return await ChargedAsync(context, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["events"] = ["Required: an array of events."] }));
        }
        if (items.GetArrayLength() < 1 || items.GetArrayLength() > options.MaxBatchEvents)
        {
            return await ChargedAsync(context, TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["events"] = [$"Must hold between 1 and {options.MaxBatchEvents} events."],
            }));
        }

        var answers = await BatchIngestion.IngestAsync(items, ClientId(context.User), context, services);
        if (answers.Refusal is not null)
        {
            return answers.Refusal;
        }
        return TypedResults.Ok(new BatchResult(
            answers.Items.Count(a => a.Status == IngestStatus.Accepted),
            answers.Items.Count(a => a.Status == IngestStatus.Duplicate),
            answers.Items.Count(a => !a.IsStored),
            answers.Items));
    }

    private static async Task<IResult> GetEventAsync(string eventId, ClaimsPrincipal user, EventReader reader, CancellationToken ct)
    {
        // Another client's event and a missing one look the same: 404, never a hint.
        var stored = EventIds.IsValid(eventId) ? await reader.GetAsync(ClientId(user), EventIds.Normalize(eventId), ct) : null;
        return stored is null
            ? TypedResults.Problem(title: "Not found", detail: $"No event {eventId} for this client.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(stored);
    }

    private static async Task<IResult> ListEventsAsync(ClaimsPrincipal user, EventReader reader, [AsParameters] EventListQuery query, CancellationToken ct)
    {
        var errors = query.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await reader.ListAsync(ClientId(user), query, ct));
    }

    // A refused body still costs a token (and says so in the headers): bad requests are limited like good ones.
    private static async Task<IResult> ChargedAsync(HttpContext context, IResult answer) =>
        await context.LimitAsync(LimitPolicyNames.IngestBatch, 1) ?? answer;

    internal static string ClientId(ClaimsPrincipal user) =>
        user.FindFirstValue(IdentityClaims.Subject) ?? throw new InvalidOperationException("An authorized request has no 'sub' claim.");

    private static string RejectionReason(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        _ => "malformed",
    };
}

internal sealed class IngestServices(EventIngestor ingestor, IngestionMetrics metrics, IOptions<IngestionOptions> options)
{
    public EventIngestor Ingestor { get; } = ingestor;

    public IngestionMetrics Metrics { get; } = metrics;

    public IOptions<IngestionOptions> Options { get; } = options;
}
