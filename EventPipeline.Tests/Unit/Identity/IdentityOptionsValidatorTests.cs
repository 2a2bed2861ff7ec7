using System.Security.Cryptography;
using EventPipeline.Api.Identity;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Identity;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class IdentityOptionsValidatorTests
{
    private static IdentityOptions Valid() => new()
    {
        SigningKey = new string('k', 32),
        AdminClientSecret = "admin-secret-0123456789",
        DemoClients = true,
        DemoClientSecret = "demo-secret-0123456789",
    };

    [Fact]
    public void AThirtyTwoByteKeyAndSecretsAreAccepted()
    {
        Assert.True(new IdentityOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Theory]
    [InlineData("", "Identity:SigningKey is missing")]
    [InlineData("only-31-bytes-long-0123456789ab", "Identity:SigningKey is 31 bytes")]
    public void AMissingOrShortSigningKeyIsRefusedNamingTheSetting(string key, string message)
    {
        var options = Valid();
        options.SigningKey = key;

        var result = new IdentityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingBootstrapSecretsAreRefusedNamingTheSettings()
    {
        var options = Valid();
        options.AdminClientSecret = "";
        options.DemoClientSecret = "short";

        var result = new IdentityOptionsValidator().Validate(null, options);

        Assert.Contains("Identity:AdminClientSecret", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Identity:DemoClientSecret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(25 * 60)]
    public void ATokenLifetimeOutsideOneMinuteToOneDayIsRefused(int minutes)
    {
        var options = Valid();
        options.TokenLifetime = TimeSpan.FromMinutes(minutes);

        Assert.Contains("Identity:TokenLifetime", new IdentityOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAsymmetricAlgorithmWithoutAPrivateKeyIsRefusedNamingTheSetting()
    {
        var options = Valid();
        options.SigningAlgorithm = "RS256";

        Assert.Contains("Identity:PrivateKeyPem is missing", new IdentityOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void APublicKeyCannotStandInForThePrivateKey()
    {
        using var rsa = RSA.Create(2048);
        var options = Valid();
        options.SigningAlgorithm = "RS256";
        options.PrivateKeyPem = rsa.ExportSubjectPublicKeyInfoPem();

        Assert.Contains("Identity:PrivateKeyPem is not a PEM private key", new IdentityOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AWeakRsaKeyIsRefused()
    {
        using var rsa = RSA.Create(1024);
        var options = Valid();
        options.SigningAlgorithm = "RS256";
        options.PrivateKeyPem = rsa.ExportPkcs8PrivateKeyPem();

        Assert.Contains("1024-bit", new IdentityOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEcKeyForRs256IsRefused()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = Valid();
        options.SigningAlgorithm = "RS256";
        options.PrivateKeyPem = ecdsa.ExportPkcs8PrivateKeyPem();

        Assert.True(new IdentityOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void AnUnknownAlgorithmIsRefusedNamingTheSetting()
    {
        var options = Valid();
        options.SigningAlgorithm = "none";

        Assert.Contains("Identity:SigningAlgorithm", new IdentityOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://login.example.com/realms/x")]
    [InlineData("not a url")]
    public void AnExternalAuthorityMustBeAnHttpsUrl(string authority)
    {
        var options = Valid();
        options.ExternalAuthority = authority;

        Assert.Contains("Identity:ExternalAuthority", new IdentityOptionsValidator().Validate(null, options).FailureMessage, StringComparison.Ordinal);
    }
}
