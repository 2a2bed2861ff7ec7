namespace EventPipeline.Api.Identity;

/// <summary>Token issuance and validation settings; validated at start-up by <see cref="IdentityOptionsValidator"/>.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary><c>HS256</c> (default, with <see cref="SigningKey"/>), or <c>RS256</c> / <c>ES256</c> (with <see cref="PrivateKeyPem"/>).</summary>
    public string SigningAlgorithm { get; set; } = TokenSigningKeys.Hs256;

    /// <summary>The HS256 key: at least 32 bytes of UTF-8 (the AppHost parameter <c>jwt-signing-key</c>).</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The RSA (2048 bits or more) or P-256 private key for RS256 / ES256; its public half is published as JWKS.</summary>
    public string PrivateKeyPem { get; set; } = "";

    public string Issuer { get; set; } = "eventpipeline";

    public string Audience { get; set; } = "eventpipeline-api";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a client's last known status still answers while PostgreSQL is unreachable; after
    /// it, its tokens are refused (503) until the registry answers again.
    /// </summary>
    public TimeSpan ClientStatusGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The secret of the bootstrap <c>admin</c> client (AppHost parameter <c>admin-client-secret</c>).</summary>
    public string AdminClientSecret { get; set; } = "";

    /// <summary>
    /// The demo profile: creates the 23 demo clients (<c>dashboard</c>, <c>loadgen</c>, <c>test-123</c>,
    /// <c>loadgen-01</c>..<c>20</c>) sharing <see cref="DemoClientSecret"/>. Off by default; the AppHost's
    /// run turns it on. An install that never enables it has no client it did not register itself.
    /// </summary>
    public bool DemoClients { get; set; }

    /// <summary>The secret all demo clients share (AppHost parameter <c>demo-client-secret</c>); required with <see cref="DemoClients"/>.</summary>
    public string DemoClientSecret { get; set; } = "";

    /// <summary>
    /// An external OpenID Connect issuer whose access tokens (<c>typ: at+jwt</c>) are also trusted (its
    /// keys come from its discovery document and JWKS); empty to trust only our own tokens. Its
    /// subjects act only as mapped in <see cref="ExternalSubjects"/>.
    /// </summary>
    public string ExternalAuthority { get; set; } = "";

    /// <summary>The audience external tokens must carry; defaults to <see cref="Audience"/>.</summary>
    public string ExternalAudience { get; set; } = "";

    /// <summary>
    /// The external issuer's subjects we trust, each mapped to the registered client it acts as
    /// (<c>"partner-7f3a": "partner-one"</c>). Scopes and tier come from that client in the registry,
    /// never from the issuer's claims; an unmapped subject is refused, whatever it is called.
    /// </summary>
    public Dictionary<string, string> ExternalSubjects { get; set; } = [];
}
