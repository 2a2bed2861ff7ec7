using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace EventPipeline.Api.Identity;

/// <summary>Token issuance and validation settings; validated at start-up by <see cref="IdentityOptionsValidator"/>.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>The HS256 key: at least 32 bytes of UTF-8 (the AppHost parameter <c>jwt-signing-key</c>).</summary>
    public string SigningKey { get; set; } = "";

    public string Issuer { get; set; } = "eventpipeline";

    public string Audience { get; set; } = "eventpipeline-api";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The secret of the bootstrap <c>admin</c> client (AppHost parameter <c>admin-client-secret</c>).</summary>
    public string AdminClientSecret { get; set; } = "";

    /// <summary>The secret all bootstrap demo clients share (AppHost parameter <c>demo-client-secret</c>).</summary>
    public string DemoClientSecret { get; set; } = "";

    /// <summary>Token requests one source IP may make per minute (both token endpoints together).</summary>
    public int TokenRequestsPerMinutePerIp { get; set; } = 30;

    internal SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey));
}
