using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace EventPipeline.Tests.Hardening;

/// <summary>The calls the finding tests share: an event posted with the writer's token, a problem checked against the contract.</summary>
internal static class HardeningHttp
{
    public static Task<HttpResponseMessage> PostEventAsync(KestrelApi api, byte[] body, string? encoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (encoding is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);
        }
        return SendAsync(api, HttpMethod.Post, "/v1/events", api.WriterToken, content);
    }

    public static async Task<HttpResponseMessage> SendAsync(KestrelApi api, HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var http = api.CreateClient();
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Null(ResponseContract.Violation(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body));
        Assert.Equal(status, response.StatusCode);
        using var problem = JsonDocument.Parse(body);
        return problem.RootElement.Clone();
    }
}
