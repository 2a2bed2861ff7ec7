using EventPipeline.Api.Identity;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Identity;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class ClientSecretHasherTests
{
    private readonly ClientSecretHasher _hasher = new();

    [Fact]
    public void AHashVerifiesItsSecretAndNoOther()
    {
        var hash = _hasher.Hash("the-right-secret");

        Assert.DoesNotContain("the-right-secret", hash, StringComparison.Ordinal);
        Assert.True(_hasher.Verify(hash, "the-right-secret"));
        Assert.False(_hasher.Verify(hash, "the-wrong-secret"));
    }

    [Fact]
    public void TheSameSecretHashesDifferentlyEachTime()
    {
        Assert.NotEqual(_hasher.Hash("same-secret"), _hasher.Hash("same-secret"));
    }

    [Fact]
    public void AMissingHashNeverVerifies()
    {
        Assert.False(_hasher.Verify(null, ""));
        Assert.False(_hasher.Verify(null, "anything"));
    }

    [Fact]
    public void NewSecretsCarry256RandomBitsInUrlSafeText()
    {
        var secrets = Enumerable.Range(0, 50).Select(_ => ClientSecretHasher.NewSecret()).ToList();

        Assert.Equal(50, secrets.Distinct().Count());
        Assert.All(secrets, s => Assert.Equal(43, s.Length));
        Assert.All(secrets, s => Assert.Matches("^[A-Za-z0-9_-]+$", s));
    }
}
