using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Turns JwtBearer's bare 401 and 403 into problem+json and refuses tokens of clients that were
/// disabled or deleted after the token was issued.
/// </summary>
internal sealed partial class JwtBearerProblemEvents(
    ClientStatusCache clientStatus, ExternalSubjects externalSubjects, IProblemDetailsService problems, IdentityMetrics metrics,
    ILogger<JwtBearerProblemEvents> logger) : JwtBearerEvents
{
    private const string InactiveClientMessage = "The client of this token is disabled, no longer exists, or changed since the token was issued.";

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        if (context.Scheme.Name == IdentitySchemes.External)
        {
            context.Principal = await externalSubjects.MapAsync(context.Principal!, context.HttpContext.RequestAborted);
            if (context.Principal is null)
            {
                LogUnmappedSubject(logger);
                context.Fail(InactiveClientMessage);
                return;
            }
        }
        var clientId = context.Principal?.GetClientId();
        if (string.IsNullOrEmpty(clientId)
            || !await clientStatus.AcceptsAsync(clientId, context.Principal!.GetGeneration(), context.HttpContext.RequestAborted))
        {
            LogInactiveClient(logger, clientId);
            context.Fail(InactiveClientMessage);
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        metrics.BearerRefusal(context.AuthenticateFailure switch
        {
            null => "missing_token",
            { Message: InactiveClientMessage } => "inactive_client",
            _ => "invalid_token",
        });
        var response = context.Response;
        response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 section 3: no error code when no token was sent, invalid_token when one failed.
        response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication required",
                Detail = context.AuthenticateFailure is null
                    ? "Send an access token from POST /auth/token as 'Authorization: Bearer <token>'."
                    : "The access token is malformed, expired, not issued for this API, or its client is disabled.",
            },
        });
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        metrics.BearerRefusal("insufficient_scope");
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "The access token lacks the scope this endpoint requires.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "External token refused: its subject is not mapped to an enabled registered client")]
    private static partial void LogUnmappedSubject(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bearer token refused: client {ClientId} is disabled, deleted or changed since the token was issued")]
    private static partial void LogInactiveClient(ILogger logger, string? clientId);
}
