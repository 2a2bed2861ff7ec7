using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Our own tokens and, when configured, an external issuer's are validated by separate JwtBearer
/// schemes, each with its own keys and algorithms; the default scheme routes by the token's
/// (not yet trusted) <c>iss</c>, and the chosen scheme then validates everything, <c>iss</c> included.
/// </summary>
internal static class IdentitySchemes
{
    public const string Default = "Token";
    public const string Local = JwtBearerDefaults.AuthenticationScheme;
    public const string External = "External";

    private static readonly JsonWebTokenHandler s_reader = new();

    public static string Select(HttpContext context)
    {
        var settings = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value;
        if (settings.ExternalAuthority.Length == 0)
        {
            return Local;
        }
        var authorization = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Local;
        }
        var token = authorization[prefix.Length..].Trim();
        try
        {
            // Malformed tokens go to the local scheme, which refuses them like any other.
            return s_reader.CanReadToken(token) && s_reader.ReadJsonWebToken(token).Issuer is { Length: > 0 } issuer && issuer != settings.Issuer
                ? External
                : Local;
        }
        catch (ArgumentException)
        {
            return Local;
        }
    }
}
