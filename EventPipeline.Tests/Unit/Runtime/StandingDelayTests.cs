using EventPipeline.Api.Runtime;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Runtime;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class StandingDelayTests
{
    [Fact]
    public void AQueueNobodyWaitedInLatelyHasNoStandingDelay()
    {
        var delay = new StandingDelay(TimeSpan.FromSeconds(10));

        Assert.Null(delay.Current);
    }

    [Fact]
    public void TheStandingDelayIsTheLeastWaitOfTheIntervalNotTheLongest()
    {
        var delay = new StandingDelay(TimeSpan.FromSeconds(10));

        delay.Record(TimeSpan.FromMilliseconds(30));
        delay.Record(TimeSpan.FromMilliseconds(5));
        delay.Record(TimeSpan.FromMilliseconds(400));

        Assert.Equal(TimeSpan.FromMilliseconds(5), delay.Current);
    }

    [Fact]
    public void WaitsOlderThanTwoIntervalsNoLongerCount()
    {
        var delay = new StandingDelay(TimeSpan.FromMilliseconds(1));
        delay.Record(TimeSpan.FromMilliseconds(300));

        Thread.Sleep(20);

        Assert.Null(delay.Current);
    }

    [Fact]
    public void FewerWaitsThanTheMinimumSayNothing()
    {
        var clock = new ManualClock();
        var delay = new StandingDelay(TimeSpan.FromMilliseconds(100), minimumSamples: 3, clock);

        delay.Record(TimeSpan.FromMilliseconds(300));
        delay.Record(TimeSpan.FromMilliseconds(200));
        var withTwo = delay.Current;
        clock.AdvanceMilliseconds(100);
        delay.Record(TimeSpan.FromMilliseconds(250));

        Assert.Null(withTwo);
        Assert.Equal(TimeSpan.FromMilliseconds(200), delay.Current);
        clock.AdvanceMilliseconds(100);
        Assert.Null(delay.Current);
    }
}
