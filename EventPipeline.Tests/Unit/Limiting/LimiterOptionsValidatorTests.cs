using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Limiting;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LimiterOptionsValidatorTests
{
    [Fact]
    public void ABadTierLimitStopsStartUpNamingTheSetting()
    {
        var options = new LimiterOptions { Tiers = { ["gold"] = BucketLimit.Of(0, 5) } };

        var result = new LimiterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Limiting:Tiers:gold", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreValid() =>
        Assert.True(new LimiterOptionsValidator().Validate(null, new LimiterOptions()).Succeeded);
}
