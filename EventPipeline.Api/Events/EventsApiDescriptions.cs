using EventPipeline.Contracts.Events;

namespace EventPipeline.Api.Events;

/// <summary>What the ingestion endpoints take and answer; their handlers return <see cref="IResult"/>, so the generator cannot see it.</summary>
internal static class EventsApiDescriptions
{
    public static RouteHandlerBuilder DescribeSingleEvent(this RouteHandlerBuilder endpoint) => endpoint
        .Accepts<EventRequest>("application/json")
        .Produces<IngestResult>(StatusCodes.Status202Accepted)
        .Produces<IngestResult>(StatusCodes.Status200OK)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static RouteHandlerBuilder DescribeBatch(this RouteHandlerBuilder endpoint) => endpoint
        .Accepts<BatchRequest>("application/json")
        .Produces<BatchResult>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
