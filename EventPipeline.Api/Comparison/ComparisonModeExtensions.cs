using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Api.Comparison;

/// <summary>
/// The original's design as a measurable floor (bench/run.sh, section <c>floor</c>): one commit per
/// event and the script text sent with every limiter call. Never for production; off by default.
/// </summary>
internal static class ComparisonModeExtensions
{
    public static IHostApplicationBuilder AddComparisonModes(this IHostApplicationBuilder builder)
    {
        var writes = builder.Configuration.GetSection(IngestionOptions.SectionName).Get<WriteModeOptions>() ?? new();
        if (writes.WriteMode == WriteMode.PerRequest)
        {
            builder.Services.AddSingleton<IPostConfigureOptions<IngestionOptions>, PerRequestCommits>();
        }

        var scripts = builder.Configuration.GetSection(LimiterOptions.SectionName).Get<ScriptCachingOptions>() ?? new();
        if (!scripts.ScriptCaching)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(sp =>
                new TokenBucketScript(EvalEveryCallMultiplexer.Wrap(sp.GetRequiredService<IConnectionMultiplexer>(), TokenBucketScript.Source))));
        }

        if (writes.WriteMode == WriteMode.PerRequest || !scripts.ScriptCaching)
        {
            builder.Services.AddHostedService<ComparisonModeWarning>();
        }
        return builder;
    }
}
