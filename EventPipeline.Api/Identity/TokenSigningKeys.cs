using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Api.Identity;

/// <summary>
/// The one algorithm and key pair tokens are signed and checked with. HS256 (the default) shares one
/// secret; RS256 and ES256 sign with a private key and validate with its public half only, so a public
/// key can never be used as an HMAC secret (algorithm confusion).
/// </summary>
internal sealed class TokenSigningKeys
{
    public const string Hs256 = SecurityAlgorithms.HmacSha256;
    public const string Rs256 = SecurityAlgorithms.RsaSha256;
    public const string Es256 = SecurityAlgorithms.EcdsaSha256;

    private TokenSigningKeys(string algorithm, SecurityKey signingKey, SecurityKey validationKey)
    {
        Algorithm = algorithm;
        Credentials = new SigningCredentials(signingKey, algorithm);
        ValidationKey = validationKey;
    }

    public string Algorithm { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The key JwtBearer checks signatures with: the shared secret, or only the public key.</summary>
    public SecurityKey ValidationKey { get; }

    public bool IsAsymmetric => Algorithm != Hs256;

    /// <summary>Builds the keys, or throws <see cref="InvalidOperationException"/> naming the bad setting.</summary>
    public static TokenSigningKeys Create(IdentityOptions options)
    {
        var pemSetting = $"{IdentityOptions.SectionName}:{nameof(IdentityOptions.PrivateKeyPem)}";
        switch (options.SigningAlgorithm)
        {
            case Hs256:
                var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(options.SigningKey));
                return new(Hs256, key, key);
            case Rs256:
                var rsa = RSA.Create();
                ImportPem(rsa, options.PrivateKeyPem, pemSetting);
                if (rsa.KeySize < 2048)
                {
                    throw new InvalidOperationException($"{pemSetting} is a {rsa.KeySize}-bit RSA key; RS256 needs at least 2048 bits.");
                }
                return WithKeyId(Rs256, new RsaSecurityKey(rsa), new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)));
            case Es256:
                var ecdsa = ECDsa.Create();
                ImportPem(ecdsa, options.PrivateKeyPem, pemSetting);
                if (ecdsa.KeySize != 256)
                {
                    throw new InvalidOperationException($"{pemSetting} must be a P-256 key for ES256.");
                }
                return WithKeyId(Es256, new ECDsaSecurityKey(ecdsa), new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(includePrivateParameters: false))));
            default:
                throw new InvalidOperationException(
                    $"{IdentityOptions.SectionName}:{nameof(IdentityOptions.SigningAlgorithm)} must be {Hs256}, {Rs256} or {Es256}.");
        }
    }

    private static void ImportPem(AsymmetricAlgorithm algorithm, string pem, string setting)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            throw new InvalidOperationException($"{setting} is missing: an asymmetric algorithm needs a PEM private key.");
        }
        try
        {
            algorithm.ImportFromPem(pem);
            // A public key imports too, but cannot sign: export the private half to be sure it is there.
            algorithm.ExportPkcs8PrivateKey();
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            throw new InvalidOperationException($"{setting} is not a PEM private key of the configured algorithm.", ex);
        }
    }

    private static TokenSigningKeys WithKeyId(string algorithm, AsymmetricSecurityKey privateKey, AsymmetricSecurityKey publicKey)
    {
        // RFC 7638 thumbprint: stable for the key, so every replica publishes and uses the same kid.
        var keyId = Base64UrlEncoder.Encode(publicKey.ComputeJwkThumbprint());
        privateKey.KeyId = keyId;
        publicKey.KeyId = keyId;
        return new(algorithm, privateKey, publicKey);
    }
}
