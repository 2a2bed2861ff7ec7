using EventPipeline.LoadGen.Profiles;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class RateProfileTests
{
    public static TheoryData<string> Profiles => ["steady", "burst", "wave"];

    private static IRateProfile Create(string name) => name switch
    {
        "steady" => new SteadyProfile(250),
        "burst" => new BurstProfile(100, 900, 2, 10),
        _ => new WaveProfile(50, 450, 12),
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void CumulativeIsTheIntegralOfTheRate(string name)
    {
        var profile = Create(name);
        const int stepsPerSecond = 2000;
        const double step = 1.0 / stepsPerSecond;
        var integral = 0.0;
        for (var i = 0; i < 37 * stepsPerSecond; i++)
        {
            integral += profile.RateAt((i + 0.5) * step) * step;
            if ((i + 1) % stepsPerSecond == 0)
            {
                Assert.Equal(integral, profile.CumulativeAt((i + 1) * step), 0.5);
            }
        }
    }

    [Fact]
    public void SteadyRateIsTheSameAtEveryInstant()
    {
        var profile = new SteadyProfile(120);

        Assert.All(new[] { 0, 0.5, 7, 3600 }, t => Assert.Equal(120, profile.RateAt(t)));
        Assert.Equal(600, profile.CumulativeAt(5));
    }

    [Fact]
    public void BurstRunsAtPeakForTheBurstThenAtBaseUntilTheNextPeriod()
    {
        var profile = new BurstProfile(10, 500, 2, 10);

        Assert.Equal(500, profile.RateAt(0));
        Assert.Equal(500, profile.RateAt(1.99));
        Assert.Equal(10, profile.RateAt(2));
        Assert.Equal(10, profile.RateAt(9.99));
        Assert.Equal(500, profile.RateAt(10));
        Assert.Equal(1000 + 80, profile.CumulativeAt(10));
        Assert.Equal(2 * 1080 + 500, profile.CumulativeAt(21));
    }

    [Fact]
    public void WaveStartsAtItsMinimumAndPeaksHalfAPeriodLater()
    {
        var profile = new WaveProfile(100, 300, 20);

        Assert.Equal(100, profile.RateAt(0), 6);
        Assert.Equal(200, profile.RateAt(5), 6);
        Assert.Equal(300, profile.RateAt(10), 6);
        Assert.Equal(100, profile.RateAt(20), 6);
        Assert.Equal(200 * 20, profile.CumulativeAt(20), 6);
    }

    [Fact]
    public void NothingIsDueBeforeTheStart()
    {
        Assert.Equal(0, new BurstProfile(10, 500, 2, 10).CumulativeAt(-1));
        Assert.Equal(0, new WaveProfile(100, 300, 20).CumulativeAt(0));
    }
}
