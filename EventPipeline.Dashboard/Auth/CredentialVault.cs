using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace EventPipeline.Dashboard.Auth;

/// <summary>
/// Keeps each signed-in session's API credentials in server memory; the browser's cookie holds
/// only a random session id. A dashboard restart signs everyone out, which is the safe failure.
/// </summary>
public sealed class CredentialVault
{
    private readonly ConcurrentDictionary<string, ApiCredentials> _sessions = new();

    public string Store(ApiCredentials credentials)
    {
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _sessions[sessionId] = credentials;
        return sessionId;
    }

    public ApiCredentials? Find(string? sessionId) =>
        sessionId is not null && _sessions.TryGetValue(sessionId, out var credentials) ? credentials : null;

    public void Remove(string? sessionId)
    {
        if (sessionId is not null)
        {
            _sessions.TryRemove(sessionId, out _);
        }
    }
}
