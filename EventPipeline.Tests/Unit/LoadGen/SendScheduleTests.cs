using EventPipeline.LoadGen.Profiles;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class SendScheduleTests
{
    [Fact]
    public void SteadyScheduleSpacesRequestsEvenlyFromTheStart()
    {
        var schedule = new SendSchedule(new SteadyProfile(10), 2);

        Assert.Equal(20, schedule.TotalCount);
        Assert.Equal(0, schedule.TimeOf(1), 6);
        Assert.Equal(0.1, schedule.TimeOf(2), 6);
        Assert.Equal(1.9, schedule.TimeOf(20), 6);
    }

    [Fact]
    public void DueCountFollowsTheIntegralAndStopsAtTheTotal()
    {
        var schedule = new SendSchedule(new SteadyProfile(10), 2);

        Assert.Equal(0, schedule.DueBy(-0.1));
        Assert.Equal(1, schedule.DueBy(0));
        Assert.Equal(1, schedule.DueBy(0.099));
        Assert.Equal(2, schedule.DueBy(0.1));
        Assert.Equal(20, schedule.DueBy(1.95));
        Assert.Equal(20, schedule.DueBy(60));
    }

    [Fact]
    public void BurstScheduleSendsThePeakRateInsideTheBurstAndTheBaseOutside()
    {
        var schedule = new SendSchedule(new BurstProfile(5, 100, 1, 4), 8);
        var times = Enumerable.Range(1, (int)schedule.TotalCount).Select(k => schedule.TimeOf(k)).ToList();

        Assert.Equal(2 * (100 + 15), times.Count);
        Assert.Equal(100, times.Count(t => t < 1));
        Assert.Equal(15, times.Count(t => t is >= 1 and < 4));
        Assert.Equal(100, times.Count(t => t is >= 4 and < 5));
    }

    [Fact]
    public void EverySendInstantFallsInsideTheRunInOrder()
    {
        var schedule = new SendSchedule(new WaveProfile(0, 200, 3), 7.3);
        var times = Enumerable.Range(1, (int)schedule.TotalCount).Select(k => schedule.TimeOf(k)).ToList();

        Assert.All(times, t => Assert.InRange(t, 0, 7.3));
        Assert.Equal(times.Order(), times);
        Assert.Equal((long)Math.Ceiling(new WaveProfile(0, 200, 3).CumulativeAt(7.3)), times.Count);
    }

    [Fact]
    public void BracketedSearchAgreesWithTheFullSearch()
    {
        var schedule = new SendSchedule(new WaveProfile(100, 900, 5), 10);

        for (long k = 2; k < schedule.TotalCount; k += 37)
        {
            var exact = schedule.TimeOf(k);
            Assert.Equal(exact, schedule.TimeOf(k, exact - 0.001, exact + 0.001), 6);
        }
    }
}
