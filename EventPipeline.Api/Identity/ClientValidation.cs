using System.Text.RegularExpressions;

namespace EventPipeline.Api.Identity;

/// <summary>Checks admin API input with the same rules as the table's CHECK constraints, so bad input is a 400, not a 500.</summary>
internal static partial class ClientValidation
{
    public static Dictionary<string, string[]> ValidateCreate(CreateClientRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ClientId is null || !ClientIdPattern().IsMatch(request.ClientId))
        {
            errors["client_id"] = ["Required: 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit."];
        }
        if (request.Scopes is null)
        {
            errors["scopes"] = ["Required: a list of scopes (events:write, events:read, admin)."];
        }
        AddCommon(errors, request.Scopes, request.Tier, request.Limit);
        return errors;
    }

    public static Dictionary<string, string[]> ValidateUpdate(UpdateClientRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        AddCommon(errors, request.Scopes, request.Tier, request.Limit);
        if (request.Limit is not null && request.RemoveLimit == true)
        {
            errors["remove_limit"] = ["Set either limit or remove_limit, not both."];
        }
        return errors;
    }

    private static void AddCommon(Dictionary<string, string[]> errors, IReadOnlyList<string>? scopes, string? tier, LimitOverrideDto? limit)
    {
        var unknown = scopes?.Where(s => !Scopes.IsKnown(s)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            errors["scopes"] = [$"Unknown scopes: {string.Join(", ", unknown)}. Known: {string.Join(", ", Scopes.All)}."];
        }
        if (tier is not null && !TierPattern().IsMatch(tier))
        {
            errors["tier"] = ["1-32 characters of a-z, 0-9 or '-'."];
        }
        if (limit is not null && !(IsPositive(limit.Capacity) && IsPositive(limit.RefillPerSecond)))
        {
            errors["limit"] = ["capacity and refill_per_second must both be positive numbers."];
        }
    }

    private static bool IsPositive(double value) => double.IsFinite(value) && value > 0;

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}\z")]
    private static partial Regex ClientIdPattern();

    [GeneratedRegex(@"^[a-z0-9-]{1,32}\z")]
    private static partial Regex TierPattern();
}
