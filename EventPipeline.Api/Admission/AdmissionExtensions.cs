using EventPipeline.Api.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Admission;

internal static class AdmissionExtensions
{
    public static IHostApplicationBuilder AddAdmissionControl(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdmissionOptions>()
            .BindConfiguration(AdmissionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton<ProcessStallMonitor>();
        builder.Services.TryAddSingleton<IQueueDelaySource>(sp => sp.GetRequiredService<ProcessStallMonitor>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WriteResponseTime>();
        builder.Services.AddSingleton<IWriteQueueDelaySource>(sp => sp.GetRequiredService<WriteResponseTime>());
        builder.Services.AddSingleton<WritesInProgress>();
        builder.Services.AddSingleton<AdmissionMetrics>();
        return builder;
    }

    /// <summary>First in the pipeline after the exception handler, so a refused request costs next to nothing.</summary>
    public static IApplicationBuilder UseAdmissionControl(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<AdmissionOptions>>().Value.Enabled
            ? app.UseMiddleware<AdmissionControlMiddleware>()
            : app;
}
