namespace EventPipeline.Api.Apis;

internal static class ProblemDetailsExtensions
{
    /// <summary>
    /// Every error as problem+json. A request that cannot be bound (malformed JSON, say) is the caller's
    /// fault: in Development minimal APIs throw for it, and without the selector that became a 500.
    /// </summary>
    public static IHostApplicationBuilder AddApiProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler(options => options.StatusCodeSelector = exception =>
            exception is BadHttpRequestException badRequest ? badRequest.StatusCode : StatusCodes.Status500InternalServerError);
        return builder;
    }
}
