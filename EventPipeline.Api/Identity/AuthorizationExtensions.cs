using Microsoft.AspNetCore.Authorization;

namespace EventPipeline.Api.Identity;

internal static class AuthorizationExtensions
{
    /// <summary>
    /// Deny by default: an endpoint without a policy still needs a valid token; open endpoints say
    /// <c>AllowAnonymous()</c>. Each scope is a policy of the same name.
    /// </summary>
    public static IServiceCollection AddScopeAuthorization(this IServiceCollection services)
    {
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(IdentityClaims.Subject)
                .Build());
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(scope)));
        }
        return services;
    }
}
