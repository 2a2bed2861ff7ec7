using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Cli;
using EventPipeline.LoadGen.Engine;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class RunOptionsValidatorTests
{
    private static readonly RunOptions Steady = new() { Profile = "steady", Rps = 100, Url = new Uri("http://localhost:8080") };

    [Fact]
    public void AcceptsACompleteSteadyRun()
    {
        Assert.Empty(RunOptionsValidator.Validate(Steady));
    }

    [Fact]
    public void NamesTheMissingRateOfEachProfile()
    {
        Assert.Contains("rps", RunOptionsValidator.Validate(Steady with { Rps = null }).Keys);
        Assert.Equal(["base", "peak", "every", "burst-seconds"], RunOptionsValidator.Validate(Steady with { Profile = "burst" }).Keys);
        Assert.Equal(["min", "max", "period"], RunOptionsValidator.Validate(Steady with { Profile = "wave" }).Keys);
    }

    [Fact]
    public void RejectsABurstLongerThanItsPeriod()
    {
        var burst = Steady with { Profile = "burst", Base = 10, Peak = 100, BurstSeconds = 20, Every = 10 };

        Assert.Equal(["burst-seconds"], RunOptionsValidator.Validate(burst).Keys);
    }

    [Fact]
    public void RejectsUnknownProfilesFractionsAboveOneAndMissingUrls()
    {
        var errors = RunOptionsValidator.Validate(Steady with { Profile = "square", Duplicates = 1.5, Url = null });

        Assert.Contains("profile", errors.Keys);
        Assert.Contains("duplicates", errors.Keys);
        Assert.Contains("url", errors.Keys);
    }

    [Fact]
    public void TheRawHttp1PathSpeaksCleartextHttp1Only()
    {
        Assert.Empty(RunOptionsValidator.Validate(Steady with { RawHttp1 = true }));
        Assert.Equal(["raw-http1"], RunOptionsValidator.Validate(Steady with { RawHttp1 = true, Url = new Uri("https://localhost:8443") }).Keys);
        Assert.Equal(["raw-http1"], RunOptionsValidator.Validate(Steady with { RawHttp1 = true, Http2 = true }).Keys);
    }

    [Fact]
    public void CheckNeedsCapacityAndRefill()
    {
        Assert.Equal(["capacity", "refill"], RunOptionsValidator.Validate(Steady with { Check = true }).Keys);
        Assert.Empty(RunOptionsValidator.Validate(Steady with { Check = true, Capacity = 10, Refill = 5 }));
    }

    [Fact]
    public void CheckMayReadTheLimitWithAnAdminSecretButNotHalfOfIt()
    {
        Assert.Empty(RunOptionsValidator.Validate(Steady with { Check = true, AdminSecret = "admin-secret" }));
        Assert.Equal(["refill"], RunOptionsValidator.Validate(Steady with { Check = true, AdminSecret = "admin-secret", Capacity = 10 }).Keys);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("0.5", 0.5)]
    public void ParsesDurationsWithAndWithoutUnits(string text, double seconds)
    {
        Assert.True(CommonOptions.ParseDuration(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5d")]
    [InlineData("soon")]
    public void RejectsDurationsThatAreNotNumbers(string text)
    {
        Assert.False(CommonOptions.ParseDuration(text, out _));
    }
}
