using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPipeline.Api.Identity;

/// <summary>
/// RFC 6749 section 5.2 errors as RFC 9457 problem details: the OAuth <c>error</c> and
/// <c>error_description</c> members sit beside the problem fields, so OAuth clients and problem+json
/// readers both understand the body.
/// </summary>
internal static class OAuthErrors
{
    public static ProblemHttpResult InvalidRequest(string description) =>
        Problem(StatusCodes.Status400BadRequest, "invalid_request", description);

    public static ProblemHttpResult UnsupportedGrantType() =>
        Problem(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only grant_type=client_credentials is supported.");

    /// <summary>401 with the challenge RFC 6749 requires; one message for every cause, so ids cannot be probed.</summary>
    public static ProblemHttpResult InvalidClient(HttpResponse response)
    {
        response.Headers.WWWAuthenticate = "Basic realm=\"eventpipeline\"";
        return Problem(StatusCodes.Status401Unauthorized, "invalid_client", "Client authentication failed.");
    }

    private static ProblemHttpResult Problem(int status, string error, string description) =>
        TypedResults.Problem(
            title: error,
            detail: description,
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["error"] = error, ["error_description"] = description });
}
