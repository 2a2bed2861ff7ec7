using EventPipeline.Dashboard.Auth;
using EventPipeline.Dashboard.Services;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace EventPipeline.Dashboard;

internal static class DashboardExtensions
{
    public const string OperatorPolicy = "operator";

    public static IHostApplicationBuilder AddDashboard(this IHostApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(options => string.IsNullOrEmpty(options.AdminClientSecret) || options.IsOpen(environment),
                "Dashboard:AdminClientSecret is set but the dashboard is not in its open mode (Development with Dashboard:OpenInDevelopment " +
                "and Dashboard:ConfirmOpenWithoutSignIn); remove it: a dashboard with sign-in must not hold the admin secret.")
            .ValidateOnStart();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.Cookie.Name = "eventpipeline-dashboard";
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        var openMode = builder.Configuration.GetSection(DashboardOptions.SectionName).Get<DashboardOptions>()?.IsOpen(environment) == true;
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, policy => policy.RequireAssertion(context => openMode || context.User.Identity?.IsAuthenticated == true));
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CredentialVault>();
        builder.Services.AddSingleton<ApiTokenCache>();
        builder.Services.AddScoped<DashboardUser>();
        builder.Services.AddHttpClient<PipelineApiClient>(ConfigureApi);
        builder.Services.AddHttpClient(LoadGenClient.HttpClientName, (sp, http) =>
            http.BaseAddress = sp.GetRequiredService<IOptions<DashboardOptions>>().Value.LoadGenBaseUrl);

        // The live stream is long-lived by design; the default resilience timeouts would cut it.
        // RemoveAllResilienceHandlers is experimental (EXTEXP0001), but the supported way to opt one client out.
#pragma warning disable EXTEXP0001
        // Token requests are sign-in attempts: a retry would count as another failed guess, and a
        // retry honouring a lockout's Retry-After outlasts the request (the sign-in answered 500).
        builder.Services.AddHttpClient(ApiTokenCache.HttpClientName, ConfigureApi).RemoveAllResilienceHandlers();
        builder.Services.AddScoped<LoadGenClient>();
        builder.Services.AddHttpClient(PipelineApiClient.LiveStreamClientName, (sp, http) =>
            {
                ConfigureApi(sp, http);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }

    private static void ConfigureApi(IServiceProvider services, HttpClient http) =>
        http.BaseAddress = services.GetRequiredService<IOptions<DashboardOptions>>().Value.ApiBaseUrl;
}
