using EventPipeline.Tests.Hardening;

namespace EventPipeline.Tests.Security;

/// <summary>
/// The API process configured to trust <see cref="ExternalOidcIssuer"/>: it fetches the issuer's
/// discovery document and keys over HTTPS itself, trusting the issuer's CA and nothing else new.
/// </summary>
public sealed class ExternalIssuerApi : KestrelApi
{
    public const string Audience = "eventpipeline-partners";

    public ExternalOidcIssuer Issuer { get; } = new();

    public override async Task InitializeAsync()
    {
        await Issuer.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
    }

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["SSL_CERT_FILE"] = Issuer.CaBundlePath;
        settings["Identity__ExternalAuthority"] = Issuer.Issuer;
        settings["Identity__ExternalAudience"] = Audience;
        settings["Identity__ExternalSubjects__partner-subject-1"] = "sec-ext-registered";
        settings["Identity__ExternalSubjects__partner-subject-2"] = "sec-ext-scoped";
        settings["Identity__ExternalSubjects__partner-subject-3"] = "sec-ext-flaws";
        settings["Identity__ExternalSubjects__partner-subject-4"] = "sec-ext-access";
    }
}

[CollectionDefinition(Name)]
public sealed class TrustingExternalIssuer : ICollectionFixture<ExternalIssuerApi>
{
    public const string Name = "API process trusting an external OpenID Connect issuer process";
}
