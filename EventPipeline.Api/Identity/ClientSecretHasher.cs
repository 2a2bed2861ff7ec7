using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace EventPipeline.Api.Identity;

/// <summary>
/// Hashes and checks client secrets with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512,
/// 100,000 iterations, random salt, constant-time comparison). Its cost only falls on the token endpoints,
/// which are rate limited per IP and called once per token lifetime, never on each event.
/// </summary>
internal sealed class ClientSecretHasher
{
    private readonly PasswordHasher<string> _hasher = new();

    // Checking an unknown client against this costs what a wrong secret costs, so timing does not reveal which ids exist.
    private readonly Lazy<string> _dummyHash;

    public ClientSecretHasher() => _dummyHash = new(() => Hash(NewSecret()));

    public string Hash(string secret) => _hasher.HashPassword(string.Empty, secret);

    /// <summary>Checks a secret against a stored hash, or against a dummy when there is none; false in that case.</summary>
    public bool Verify(string? secretHash, string secret)
    {
        var result = _hasher.VerifyHashedPassword(string.Empty, secretHash ?? _dummyHash.Value, secret);
        return secretHash is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>256 random bits, URL-safe so it can go in a form body or a Basic header unescaped.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
