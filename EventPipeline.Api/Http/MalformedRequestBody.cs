
namespace EventPipeline.Api.Http;

internal static class MalformedRequestBody
{
    /// <summary>
    /// Kestrel reports most bad request framing as a BadHttpRequestException, but a chunk size past
    /// int.MaxValue as a plain IOException ("Bad chunk size data."): the client's fault all the same.
    /// </summary>
    public static bool Is(Exception exception) =>
        exception is IOException { Source: "Microsoft.AspNetCore.Server.Kestrel.Core" } and not BadHttpRequestException;
}
