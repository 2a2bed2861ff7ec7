using System.Text.RegularExpressions;

namespace EventPipeline.Api.Identity;

/// <summary>Checks a client's credentials; every failure looks the same to the caller and is logged without the secret.</summary>
internal sealed partial class ClientAuthenticator(ClientStore store, ClientSecretHasher hasher, ILogger<ClientAuthenticator> logger)
{
    /// <summary>The registry's own rule (the table's CHECK): anything else cannot exist.</summary>
    public static bool IsWellFormed(string clientId) => WellFormedId().IsMatch(clientId);

    public async Task<ClientRecord?> AuthenticateAsync(string clientId, string secret, string? remoteIp, CancellationToken ct)
    {
        // A malformed id is unknown without a query, and is never written to a log: it may carry
        // CR/LF or anything else an attacker wants to see in the operator's log viewer.
        var wellFormed = IsWellFormed(clientId);
        var client = wellFormed ? await store.FindAsync(clientId, ct) : null;
        // Hashed even for an unknown client, so the answer's timing does not tell which ids exist.
        var secretMatches = hasher.Verify(client?.SecretHash, secret);
        if (client is null)
        {
            if (wellFormed)
            {
                LogUnknownClient(logger, clientId, remoteIp);
            }
            else
            {
                LogMalformedClientId(logger, clientId.Length, remoteIp);
            }
            return null;
        }
        if (!secretMatches)
        {
            LogWrongSecret(logger, clientId, remoteIp);
            return null;
        }
        if (!client.Enabled)
        {
            LogDisabledClient(logger, clientId, remoteIp);
            return null;
        }
        return client;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormedId();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused: unknown client {ClientId} from {RemoteIp}")]
    private static partial void LogUnknownClient(ILogger logger, string clientId, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused: a malformed client id ({Length} characters, not logged) from {RemoteIp}")]
    private static partial void LogMalformedClientId(ILogger logger, int length, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused: wrong secret for client {ClientId} from {RemoteIp}")]
    private static partial void LogWrongSecret(ILogger logger, string clientId, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused: client {ClientId} is disabled (request from {RemoteIp})")]
    private static partial void LogDisabledClient(ILogger logger, string clientId, string? remoteIp);
}
