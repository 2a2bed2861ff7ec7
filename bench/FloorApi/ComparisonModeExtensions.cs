using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Redis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Bench.Floor;

/// <summary>
/// The original's design as a measurable floor (bench/run.sh, section <c>floor</c>): one commit per
/// event and the script text sent with every limiter call. Never for production; off by default.
/// </summary>
public static class ComparisonModeExtensions
{
    public static IServiceCollection AddComparisonModes(this IServiceCollection services, IConfiguration configuration)
    {
        var writes = configuration.GetSection(IngestionOptions.SectionName).Get<WriteModeOptions>() ?? new();
        if (writes.WriteMode == WriteMode.PerRequest)
        {
            services.AddSingleton<IPostConfigureOptions<IngestionOptions>, PerRequestCommits>();
        }

        var scripts = configuration.GetSection(LimiterOptions.SectionName).Get<ScriptCachingOptions>() ?? new();
        if (!scripts.ScriptCaching)
        {
            services.Replace(ServiceDescriptor.Singleton(sp =>
                new TokenBucketScript(EvalEveryCallMultiplexer.Wrap(sp.GetRequiredService<IConnectionMultiplexer>(), TokenBucketScript.Source))));
        }

        if (writes.WriteMode == WriteMode.PerRequest || !scripts.ScriptCaching)
        {
            services.AddHostedService<ComparisonModeWarning>();
        }
        return services;
    }
}
