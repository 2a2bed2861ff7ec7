using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using EventPipeline.LocalServers.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Tests.Security;

/// <summary>
/// The outside party: an OpenID Connect issuer on its own HTTPS socket serving discovery and its
/// JWKS, signing with an RSA key only it holds. Its TLS certificate comes from a throwaway CA that a
/// process trusts through <see cref="CaBundlePath"/> (OpenSSL's <c>SSL_CERT_FILE</c>).
/// </summary>
public sealed class ExternalOidcIssuer : IAsyncDisposable
{
    private const string KeyId = "external-key";
    private static readonly string[] s_responseTypes = ["code"];
    private static readonly string[] s_subjectTypes = ["public"];
    private static readonly string[] s_algorithms = [SecurityAlgorithms.RsaSha256];
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly WebApplication _app;
    private readonly string _bundleDirectory = Directory.CreateTempSubdirectory("ep-issuer-ca-").FullName;

    public ExternalOidcIssuer()
    {
        var port = FreePort.Next();
        Issuer = $"https://localhost:{port}/realms/partners";
        var (ca, tls) = Certificates();
        CaBundlePath = Path.Combine(_bundleDirectory, "ca.pem");
        File.WriteAllText(CaBundlePath, ca.ExportCertificatePem());

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenLocalhost(port, listen => listen.UseHttps(tls)));
        _app = builder.Build();
        _app.MapGet("/realms/partners/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = s_responseTypes,
            ["subject_types_supported"] = s_subjectTypes,
            ["id_token_signing_alg_values_supported"] = s_algorithms,
        }));
        _app.MapGet("/realms/partners/jwks", () =>
        {
            var key = _signingKey.ExportParameters(includePrivateParameters: false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new { kty = "RSA", use = "sig", alg = SecurityAlgorithms.RsaSha256, kid = KeyId, n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) },
                },
            });
        });
    }

    /// <summary>The issuer's identifier, and the authority the API is configured with.</summary>
    public string Issuer { get; }

    /// <summary>A PEM file holding the CA of the issuer's TLS certificate.</summary>
    public string CaBundlePath { get; }

    /// <summary>The issuer's own signing credentials (RS256, with the key id its JWKS publishes).</summary>
    public SigningCredentials Credentials =>
        new(new RsaSecurityKey(_signingKey.ExportParameters(includePrivateParameters: true)) { KeyId = KeyId }, SecurityAlgorithms.RsaSha256);

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _signingKey.Dispose();
        Directory.Delete(_bundleDirectory, recursive: true);
    }

    private static (X509Certificate2 Ca, X509Certificate2 Tls) Certificates()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=EventPipeline test issuer CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        using var tlsKey = RSA.Create(2048);
        var tlsRequest = new CertificateRequest("CN=localhost", tlsKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        tlsRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        tlsRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        tlsRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        tlsRequest.CertificateExtensions.Add(names.Build());
        using var issued = tlsRequest.Create(ca, now.AddDays(-1), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        // Kestrel on Linux wants a key it can export into its TLS context: round-trip through PKCS#12.
        using var withKey = issued.CopyWithPrivateKey(tlsKey);
        var tls = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (ca, tls);
    }
}
