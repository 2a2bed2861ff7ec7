using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace EventPipeline.Tests.Integration.Identity;

/// <summary>The calls the identity tests make over and over.</summary>
internal static class IdentityHttp
{
    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient http, string clientId, string secret) =>
        http.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));

    public static async Task<string> GetTokenAsync(this HttpClient http, string clientId, string secret)
    {
        using var response = await http.RequestTokenAsync(clientId, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetWithTokenAsync(this HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> SendWithTokenAsync(this HttpClient http, HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Registers a client through the admin API and returns its one-time secret.</summary>
    public static async Task<string> RegisterClientAsync(this HttpClient http, string clientId, params string[] scopes)
    {
        var adminToken = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        using var response = await http.SendWithTokenAsync(HttpMethod.Post, "/v1/admin/clients", adminToken,
            new { client_id = clientId, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("client_secret").GetString()!;
    }

    /// <summary>Asserts an RFC 9457 body with the given status, and returns it for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        return body.RootElement.Clone();
    }
}
