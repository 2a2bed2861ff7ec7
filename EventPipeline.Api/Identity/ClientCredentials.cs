using System.Net.Http.Headers;
using System.Text;

namespace EventPipeline.Api.Identity;

/// <summary>The client id and secret of a token request, from HTTP Basic or the form body (RFC 6749 section 2.3.1).</summary>
internal sealed record ClientCredentials(string ClientId, string Secret, bool FromBasicHeader)
{
    /// <summary>The credentials, or an error description for invalid_request; both null when none were sent.</summary>
    public static (ClientCredentials? Credentials, string? Error) Read(string? authorization, IFormCollection form)
    {
        var inBody = form.ContainsKey("client_id") || form.ContainsKey("client_secret");
        if (string.IsNullOrEmpty(authorization))
        {
            if (!inBody)
            {
                return (null, null);
            }
            if (form["client_id"].Count > 1 || form["client_secret"].Count > 1)
            {
                return (null, "client_id and client_secret must each appear once.");
            }
            return (new(form["client_id"].ToString(), form["client_secret"].ToString(), FromBasicHeader: false), null);
        }
        if (inBody)
        {
            return (null, "Send the client credentials either in the Authorization header or in the body, not both.");
        }
        return FromBasic(authorization);
    }

    private static (ClientCredentials?, string?) FromBasic(string authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return (null, "The Authorization header must use the Basic scheme.");
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return (null, "The Basic credentials are not valid base64.");
        }
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (null, "The Basic credentials must be client_id:client_secret.");
        }
        // RFC 6749 section 2.3.1: both parts are form-urlencoded before being joined.
        return (new(Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')),
            Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' ')), FromBasicHeader: true), null);
    }
}
