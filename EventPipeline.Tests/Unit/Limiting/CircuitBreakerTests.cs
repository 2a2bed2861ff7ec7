using EventPipeline.Api.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Limiting;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class CircuitBreakerTests
{
    private readonly ManualClock _clock = new();
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests() =>
        _breaker = new CircuitBreaker(Options.Create(new LimiterOptions { BreakerFailureThreshold = 3, BreakerOpenMilliseconds = 1000 }), _clock);

    [Fact]
    public void OpensAfterConsecutiveFailuresAndRefusesCallsUntilTheBreakIsOver()
    {
        Assert.False(_breaker.RecordFailure());
        Assert.False(_breaker.RecordFailure());
        Assert.True(_breaker.RecordFailure());

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryEnter());
        _clock.AdvanceMilliseconds(999);
        Assert.False(_breaker.TryEnter());
    }

    [Fact]
    public void LetsOneProbeThroughAfterTheBreakAndClosesWhenItSucceeds()
    {
        for (var i = 0; i < 3; i++)
        {
            _breaker.RecordFailure();
        }
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
        for (var i = 0; i < 3; i++)
        {
            _breaker.RecordFailure();
        }
        _clock.AdvanceMilliseconds(1000);
        Assert.True(_breaker.TryEnter());

        _breaker.RecordFailure();

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryEnter());
    }

    [Fact]
    public void ASuccessResetsTheFailureCount()
    {
        _breaker.RecordFailure();
        _breaker.RecordFailure();
        _breaker.RecordSuccess();

        Assert.False(_breaker.RecordFailure());
        Assert.Equal(CircuitState.Closed, _breaker.State);
    }
}
