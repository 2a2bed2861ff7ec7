namespace EventPipeline.Api.Identity;

/// <summary>Checks a client's credentials; every failure looks the same to the caller and is logged without the secret.</summary>
internal sealed partial class ClientAuthenticator(ClientStore store, ClientSecretHasher hasher, ILogger<ClientAuthenticator> logger)
{
    // Longer ids cannot exist (the table's CHECK); cutting them keeps attacker-chosen strings out of logs and queries.
    private const int MaxClientIdLength = 64;

    public async Task<ClientRecord?> AuthenticateAsync(string clientId, string secret, string? remoteIp, CancellationToken ct)
    {
        // PostgreSQL's text refuses NUL, and no registered id has one: such an id is simply unknown.
        var client = clientId.Length <= MaxClientIdLength && !clientId.Contains('\0', StringComparison.Ordinal) ? await store.FindAsync(clientId, ct) : null;
        var secretMatches = hasher.Verify(client?.SecretHash, secret);
        var loggedId = clientId.Length <= MaxClientIdLength ? clientId : clientId[..MaxClientIdLength] + "...";
        if (client is null)
        {
            LogUnknownClient(logger, loggedId, remoteIp);
            return null;
        }
        if (!secretMatches)
        {
            LogWrongSecret(logger, loggedId, remoteIp);
            return null;
        }
        if (!client.Enabled)
        {
            LogDisabledClient(logger, loggedId, remoteIp);
            return null;
        }
        return client;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused: unknown client {ClientId} from {RemoteIp}")]
    private static partial void LogUnknownClient(ILogger logger, string clientId, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused: wrong secret for client {ClientId} from {RemoteIp}")]
    private static partial void LogWrongSecret(ILogger logger, string clientId, string? remoteIp);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token refused: client {ClientId} is disabled (request from {RemoteIp})")]
    private static partial void LogDisabledClient(ILogger logger, string clientId, string? remoteIp);
}
