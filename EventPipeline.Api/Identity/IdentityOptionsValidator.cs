using System.Text;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Identity;

/// <summary>Refuses to start with settings that would make tokens forgeable or the bootstrap clients unusable.</summary>
internal sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    // HS256 is only as strong as its key: RFC 7518 section 3.2 asks for at least the hash size, 256 bits.
    internal const int MinSigningKeyBytes = 32;
    private const int MinClientSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, IdentityOptions options)
    {
        var failures = new List<string>();
        var keyBytes = Encoding.UTF8.GetByteCount(options.SigningKey ?? "");
        if (options.SigningAlgorithm != TokenSigningKeys.Hs256)
        {
            CheckAsymmetricKey(failures, options);
        }
        else if (keyBytes == 0)
        {
            failures.Add($"{Setting(nameof(options.SigningKey))} is missing: set it to a random value of at least {MinSigningKeyBytes} bytes.");
        }
        else if (keyBytes < MinSigningKeyBytes)
        {
            failures.Add($"{Setting(nameof(options.SigningKey))} is {keyBytes} bytes; HS256 needs at least {MinSigningKeyBytes}.");
        }
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"{Setting(nameof(options.Issuer))} must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{Setting(nameof(options.Audience))} must not be empty.");
        }
        if (options.TokenLifetime < TimeSpan.FromMinutes(1) || options.TokenLifetime > TimeSpan.FromHours(24))
        {
            failures.Add($"{Setting(nameof(options.TokenLifetime))} must be between 00:01:00 and 1.00:00:00.");
        }
        if (options.ClientStatusGrace < TimeSpan.Zero || options.ClientStatusGrace > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Setting(nameof(options.ClientStatusGrace))} must be between 00:00:00 and 00:05:00.");
        }
        CheckSecret(failures, nameof(options.AdminClientSecret), options.AdminClientSecret);
        if (options.DemoClients)
        {
            CheckSecret(failures, nameof(options.DemoClientSecret), options.DemoClientSecret);
        }
        if (options.ExternalAuthority.Length > 0
            && !(Uri.TryCreate(options.ExternalAuthority, UriKind.Absolute, out var authority) && authority.Scheme == Uri.UriSchemeHttps))
        {
            // Keys fetched over plain HTTP could be swapped by anyone on the path.
            failures.Add($"{Setting(nameof(options.ExternalAuthority))} must be an absolute https URL.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckAsymmetricKey(List<string> failures, IdentityOptions options)
    {
        try
        {
            TokenSigningKeys.Create(options);
        }
        catch (InvalidOperationException ex)
        {
            failures.Add(ex.Message);
        }
    }

    private static void CheckSecret(List<string> failures, string property, string? value)
    {
        if ((value?.Length ?? 0) < MinClientSecretLength)
        {
            failures.Add($"{Setting(property)} must be at least {MinClientSecretLength} characters.");
        }
    }

    private static string Setting(string property) => $"{IdentityOptions.SectionName}:{property}";
}
