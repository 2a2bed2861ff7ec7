using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace EventPipeline.Dashboard.Auth;

/// <summary>Who is using this circuit, and with which API credentials.</summary>
public sealed class DashboardUser(
    AuthenticationStateProvider authentication,
    CredentialVault vault,
    IOptions<DashboardOptions> options,
    IHostEnvironment environment)
{
    public const string SessionClaim = "dashboard_session";

    public bool IsOpenMode => options.Value.IsOpen(environment);

    public async Task<ApiCredentials?> CredentialsAsync()
    {
        if (IsOpenMode && options.Value.AdminClientSecret is { Length: > 0 } secret)
        {
            return new ApiCredentials("admin", secret);
        }
        var state = await authentication.GetAuthenticationStateAsync();
        return vault.Find(state.User.FindFirstValue(SessionClaim));
    }
}
