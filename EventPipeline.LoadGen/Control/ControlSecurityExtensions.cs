using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace EventPipeline.LoadGen.Control;

internal static class ControlSecurityExtensions
{
    /// <summary>Only operators holding an admin token of the API may start, read or stop runs.</summary>
    public static IHostApplicationBuilder AddControlSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache(cache => cache.SizeLimit = 10_000);
        builder.Services.AddHttpClient(ApiTokenAuthenticationHandler.HttpClientName, (sp, http) =>
            http.BaseAddress = sp.GetRequiredService<IOptions<LoadGenOptions>>().Value.ApiUrl);
        builder.Services.AddAuthentication(ApiTokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiTokenAuthenticationHandler.OperatorPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim("scope", "admin"));
        return builder;
    }
}
