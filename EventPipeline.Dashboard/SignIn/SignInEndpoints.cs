using System.Security.Claims;
using EventPipeline.Dashboard.Auth;
using EventPipeline.Dashboard.Services;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace EventPipeline.Dashboard.SignIn;

internal static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", SignInAsync).AllowAnonymous();
        app.MapPost("/account/signout", SignOutAsync);
        return app;
    }

    // The credentials are checked by asking the API for a token; only an admin-scoped one signs in.
    private static async Task<IResult> SignInAsync(HttpContext context, ApiTokenCache tokens, CredentialVault vault, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem(title: "Stale sign-in form", detail: "Reload the sign-in page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }
        var form = await context.Request.ReadFormAsync();
        var credentials = new ApiCredentials(form["client_id"].ToString(), form["client_secret"].ToString());
        var token = await tokens.TryGetTokenAsync(credentials, context.RequestAborted, onBehalfOf: context.Connection.RemoteIpAddress);
        if (token is null || !token.Scopes.Contains("admin"))
        {
            return TypedResults.Redirect("/signin?failed=1");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, credentials.ClientId), new Claim(DashboardUser.SessionClaim, vault.Store(credentials))],
            CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Redirect("/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, CredentialVault vault)
    {
        vault.Remove(context.User.FindFirstValue(DashboardUser.SessionClaim));
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.Redirect("/signin");
    }
}
