using EventPipeline.Api.Limiting.Decision;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Identity;

internal static class IdentityExtensions
{
    /// <summary>Client registry, token issuance, JWT validation, scope policies. Call after <c>AddDatabase()</c>.</summary>
    public static IHostApplicationBuilder AddIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddProblemDetails();

        services.AddSingleton<ClientStore>();
        services.AddSingleton<ClientSecretHasher>();
        services.AddSingleton<ClientAuthenticator>();
        services.AddSingleton<TokenLockout>();
        services.AddSingleton<ExternalSubjects>();
        services.AddSingleton<ClientStatusCache>();
        services.AddSingleton(sp => TokenSigningKeys.Create(sp.GetRequiredService<IOptions<IdentityOptions>>().Value));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<IdentityMetrics>();
        services.AddSingleton<TokenRequestMetricsFilter>();
        // After the migrations hosted service, because hosted services start in registration order.
        services.AddHostedService<ClientBootstrapService>();
        services.AddSingleton<RegistryLimitOverrides>();
        services.AddHostedService(sp => sp.GetRequiredService<RegistryLimitOverrides>());
        services.AddSingleton<IClientLimitOverrideSource>(sp => sp.GetRequiredService<RegistryLimitOverrides>());

        services.AddAuthentication(IdentitySchemes.Default)
            .AddPolicyScheme(IdentitySchemes.Default, displayName: null, options => options.ForwardDefaultSelector = IdentitySchemes.Select)
            .AddJwtBearer(IdentitySchemes.Local)
            .AddJwtBearer(IdentitySchemes.External);
        services.ConfigureOptions<JwtBearerSetup>();
        services.ConfigureOptions<ExternalJwtBearerSetup>();
        services.AddSingleton<JwtBearerProblemEvents>();
        services.AddScopeAuthorization();
        return builder;
    }
}
