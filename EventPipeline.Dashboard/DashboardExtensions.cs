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
        builder.Services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.Cookie.Name = "eventpipeline-dashboard";
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
            });
        var openMode = builder.Environment.IsDevelopment() && builder.Configuration.GetValue<bool>("Dashboard:OpenInDevelopment");
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OperatorPolicy, policy => policy.RequireAssertion(context => openMode || context.User.Identity?.IsAuthenticated == true));
        builder.Services.AddCascadingAuthenticationState();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CredentialVault>();
        builder.Services.AddSingleton<ApiTokenCache>();
        builder.Services.AddScoped<DashboardUser>();
        builder.Services.AddHttpClient(ApiTokenCache.HttpClientName, ConfigureApi);
        builder.Services.AddHttpClient<PipelineApiClient>(ConfigureApi);
        builder.Services.AddHttpClient<LoadGenClient>((sp, http) =>
            http.BaseAddress = sp.GetRequiredService<IOptions<DashboardOptions>>().Value.LoadGenBaseUrl);

        // The live stream is long-lived by design; the default resilience timeouts would cut it.
        // RemoveAllResilienceHandlers is experimental (EXTEXP0001), but the supported way to opt one client out.
#pragma warning disable EXTEXP0001
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
