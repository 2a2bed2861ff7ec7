
namespace EventPipeline.Api.Http;

internal static class ProblemDetailsExtensions
{
    /// <summary>
    /// Every error as problem+json. A request that cannot be bound (malformed JSON, say) is the caller's
    /// fault: in Development minimal APIs throw for it, and without the selector that became a 500.
    /// </summary>
    public static IHostApplicationBuilder AddApiProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= ProblemDetail.For(context));
        // In every environment, so a binding failure reaches the handler below with its reason.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler(options =>
        {
            options.StatusCodeSelector = StatusCodeOf;
            // A malformed body is the caller's fault, answered 400: logging each as an error with a
            // stack trace would let anyone fill the operator's logs. Server faults are still logged.
            options.SuppressDiagnosticsCallback = context => StatusCodeOf(context.Exception) < StatusCodes.Status500InternalServerError;
        });

        // The original's wire format is snake_case ("event_id", "retry_after"); every API answer follows it.
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        return builder;
    }

    private static int StatusCodeOf(Exception exception) => exception switch
    {
        BadHttpRequestException badRequest => badRequest.StatusCode,
        _ when MalformedRequestBody.Is(exception) => StatusCodes.Status400BadRequest,
        // A body that claims gzip but is not.
        InvalidDataException => StatusCodes.Status400BadRequest,
        // PostgreSQL unreachable is an outage to wait out, not a bug in the request or the server.
        Npgsql.NpgsqlException { IsTransient: true } => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
