using System.Text;

namespace EventPipeline.Tests.Hardening;

/// <summary>One generated request; <see cref="Describe"/> is what a failure report shows of it.</summary>
public sealed record FuzzCase(string Kind, HttpMethod Method, string Path, byte[]? Body = null, string? ContentType = null)
{
    public string? ContentEncoding { get; init; }

    /// <summary>Null: the fixture's valid token for the endpoint; empty: no Authorization header.</summary>
    public string? Authorization { get; init; }

    public string Describe()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 300)).ReplaceLineEndings(" ");
        return $"[{Kind}] {Method} {Path} ({Body?.Length ?? 0} bytes, {ContentType}, {ContentEncoding}, auth '{Preview(Authorization)}') {body}";
    }

    private static string Preview(string? text) => text is null ? "default" : text.Length > 60 ? text[..60] + "…" : text;
}
