namespace EventPipeline.Dashboard.Auth;

/// <summary>The admin client credentials a signed-in operator gave; they never leave the server.</summary>
public sealed record ApiCredentials(string ClientId, string ClientSecret);
