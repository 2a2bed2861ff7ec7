using EventPipeline.Api.Limiting.Policies;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting.Decision;

/// <summary>Checks the nested limits that data annotations do not reach, naming the setting.</summary>
internal sealed class LimiterOptionsValidator : IValidateOptions<LimiterOptions>
{
    public ValidateOptionsResult Validate(string? name, LimiterOptions options)
    {
        var failures = new List<string>();
        if (!options.Default.IsValid())
        {
            failures.Add($"{LimiterOptions.SectionName}:Default needs Capacity >= 1 and Refill > 0.");
        }
        foreach (var tier in options.Tiers.Where(t => !t.Value.IsValid()).Select(t => t.Key))
        {
            failures.Add($"{LimiterOptions.SectionName}:Tiers:{tier} needs Capacity >= 1 and Refill > 0.");
        }
        foreach (var (policy, settings) in options.Policies)
        {
            if (settings.Limit is { } limit && !limit.IsValid())
            {
                failures.Add($"{LimiterOptions.SectionName}:Policies:{policy}:Limit needs Capacity >= 1 and Refill > 0.");
            }
        }
        if (options.BreakerSustainedMilliseconds >= options.BreakerSamplingMilliseconds)
        {
            failures.Add($"{LimiterOptions.SectionName}:BreakerSustainedMilliseconds must be shorter than BreakerSamplingMilliseconds, or the circuit never opens.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
