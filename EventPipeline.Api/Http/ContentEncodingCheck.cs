
namespace EventPipeline.Api.Http;

internal static class ContentEncodingCheck
{
    /// <summary>
    /// Only gzip is decompressed: any other coding would be read as if it were plain JSON, and br or
    /// deflate bodies would reach a decoder nobody promised. RFC 9110 section 15.5.16: 415 naming what is accepted.
    /// </summary>
    public static IApplicationBuilder UseGzipOrPlainBodies(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var encoding = context.Request.Headers.ContentEncoding;
        if (encoding.Count == 0 || (encoding.Count == 1 && encoding[0] is { } coding
            && (coding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || coding.Equals("identity", StringComparison.OrdinalIgnoreCase))))
        {
            await next(context);
            return;
        }
        context.Response.Headers.AcceptEncoding = "gzip";
        await TypedResults.Problem(title: "Unsupported content encoding", statusCode: StatusCodes.Status415UnsupportedMediaType,
            detail: $"Content-Encoding '{encoding}' is not supported; send the body uncompressed or as gzip.").ExecuteAsync(context);
    });
}
