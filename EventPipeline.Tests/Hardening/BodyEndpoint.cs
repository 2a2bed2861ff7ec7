using System.Text;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// An endpoint that reads a request body, and the start of a body it would read on: the huge
/// and inflating bodies continue that start with one long JSON string (or form value), which a
/// reader must hold whole to parse, so a server that buffered it would show it in its memory.
/// </summary>
public sealed record BodyEndpoint(string Name, string Method, string Path, string ContentType, string Start, string End, string Credential)
{
    public const string Writer = "writer";
    public const string Admin = "admin";
    public const string Anonymous = "anonymous";

    public static IReadOnlyList<BodyEndpoint> All { get; } =
    [
        new("event", "POST", "/v1/events", "application/json", "{\"event_id\":\"3f0c7a39-2f4e-4c55-9a3e-1b1f3c1d2e4f\",\"source\":\"", "\",\"payload\":{}}", Writer),
        new("batch", "POST", "/v1/events/batch", "application/json", "{\"events\":[{\"source\":\"", "\",\"payload\":{}}]}", Writer),
        new("token", "POST", "/auth/token", "application/x-www-form-urlencoded", "grant_type=client_credentials&client_id=admin&client_secret=", "", Anonymous),
        new("login", "POST", "/auth/login", "application/json", "{\"client_id\":\"admin\",\"client_secret\":\"", "\"}", Anonymous),
        new("admin-create-client", "POST", "/v1/admin/clients", "application/json", "{\"client_id\":\"", "\"}", Admin),
        new("admin-update-client", "PATCH", "/v1/admin/clients/hardening-writer", "application/json", "{\"tier\":\"", "\"}", Admin),
        new("limiter-config", "POST", "/v1/config/limiter", "application/json", "{\"refill\":1,\"bucket\":\"", "\"}", Admin),
        new("limiter-tier", "PUT", "/v1/config/limiter/tiers/free", "application/json", "{\"refill\":1,\"capacity\":\"", "\"}", Admin),
    ];

    public static TheoryData<string> Names() => new(All.Select(e => e.Name));

    public static BodyEndpoint Named(string name) => All.Single(e => e.Name == name);

    public string Authorization(KestrelApi api) => Credential switch
    {
        Writer => $"Authorization: Bearer {api.WriterToken}",
        Admin => $"Authorization: Bearer {api.AdminToken}",
        _ => "X-Anonymous: yes",
    };

    public byte[] StartBytes => Encoding.UTF8.GetBytes(Start);

    public byte[] EndBytes => Encoding.UTF8.GetBytes(End);

    public string RequestLine => $"{Method} {Path} HTTP/1.1";
}
