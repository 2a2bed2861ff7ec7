using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Limiting;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class CircuitBreakerTests
{
    private readonly ManualClock _clock = new();
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests() =>
        _breaker = new CircuitBreaker(Options.Create(new LimiterOptions
        {
            BreakerFailureRatio = 0.5,
            BreakerMinimumThroughput = 4,
            BreakerSamplingMilliseconds = 2000,
            BreakerSustainedMilliseconds = 500,
            BreakerOpenMilliseconds = 1000,
        }), _clock);

    [Fact]
    public void OpensWhenFailuresGoOnLongEnoughAndRefusesCallsUntilTheBreakIsOver()
    {
        OpenBySustainedFailures();

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryEnter());
        _clock.AdvanceMilliseconds(999);
        Assert.False(_breaker.TryEnter());
    }

    [Fact]
    public void APauseOfThisProcessThatTimesOutEveryCallAtOnceDoesNotOpenTheCircuit()
    {
        for (var i = 0; i < 50; i++)
        {
            Assert.False(_breaker.RecordFailure());
        }
        _breaker.RecordSuccess();
        _clock.AdvanceMilliseconds(100);
        _breaker.RecordSuccess();

        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.True(_breaker.TryEnter());
    }

    [Fact]
    public void FailuresBelowTheRatioNeverOpenTheCircuitHoweverLongTheyLast()
    {
        for (var i = 0; i < 20; i++)
        {
            _breaker.RecordSuccess();
            _breaker.RecordSuccess();
            _breaker.RecordSuccess();
            Assert.False(_breaker.RecordFailure());
            _clock.AdvanceMilliseconds(90);
        }

        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void TooFewCallsNeverOpenTheCircuit()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.False(_breaker.RecordFailure());
            _clock.AdvanceMilliseconds(400);
        }

        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void FailuresOfAnEarlierSamplingWindowDoNotCount()
    {
        _breaker.RecordFailure();
        _breaker.RecordFailure();
        _clock.AdvanceMilliseconds(2000);
        _breaker.RecordSuccess();

        Assert.False(_breaker.RecordFailure());
        _clock.AdvanceMilliseconds(100);
        Assert.False(_breaker.RecordFailure());
        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void LetsOneProbeThroughAfterTheBreakAndClosesWhenItSucceeds()
    {
        OpenBySustainedFailures();
        _clock.AdvanceMilliseconds(1000);

        Assert.True(_breaker.TryEnter());
        Assert.False(_breaker.TryEnter());
        _breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.True(_breaker.TryEnter());
    }

    [Fact]
    public void AFailedProbeOpensTheCircuitForAnotherBreak()
    {
        OpenBySustainedFailures();
        _clock.AdvanceMilliseconds(1000);
        Assert.True(_breaker.TryEnter());

        Assert.True(_breaker.RecordFailure());

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryEnter());
    }

    [Fact]
    public void AClosedCircuitStartsCountingAfresh()
    {
        OpenBySustainedFailures();
        _clock.AdvanceMilliseconds(1000);
        Assert.True(_breaker.TryEnter());
        _breaker.RecordSuccess();

        Assert.False(_breaker.RecordFailure());
        Assert.False(_breaker.RecordFailure());
        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    private void OpenBySustainedFailures()
    {
        Assert.False(_breaker.RecordFailure());
        _clock.AdvanceMilliseconds(200);
        Assert.False(_breaker.RecordFailure());
        _clock.AdvanceMilliseconds(200);
        Assert.False(_breaker.RecordFailure());
        _clock.AdvanceMilliseconds(100);
        Assert.True(_breaker.RecordFailure());
    }
}
