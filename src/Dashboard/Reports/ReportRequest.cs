using System.Text.RegularExpressions;
using Kinerja.Core.Domain;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// The body of <c>POST /api/v1/reports</c>: <c>{ "kind": "tpp" | "evaluation" | "unit", "regionId" | "unitId" | "nip",
/// "period": "YYYY-MM" | "YYYY" }</c>. <c>tpp</c> takes a region or a unit and a month; <c>unit</c> a unit;
/// <c>evaluation</c> a NIP.
/// </summary>
public sealed record ReportRequest(string? Kind, string? RegionId, string? UnitId, string? Nip, string? Period);

/// <summary>A checked request: exactly one scope and a parsed period.</summary>
public sealed record ReportSpec(string Kind, string? RegionId, string? UnitId, string? Nip, Period Period);

/// <summary>Checks a <see cref="ReportRequest"/>; every refusal names the field.</summary>
public static partial class ReportRequests
{
    public static (ReportSpec? Spec, string? Error) Check(ReportRequest? body)
    {
        if (body is null)
        {
            return (null, "The body must be a JSON object { kind, regionId | unitId | nip, period }.");
        }
        if (body.Kind is null || !ReportKinds.All.Contains(body.Kind))
        {
            return (null, $"'kind' must be one of {string.Join(", ", ReportKinds.All)} (got '{body.Kind}').");
        }
        var scopes = new[] { ("regionId", body.RegionId), ("unitId", body.UnitId), ("nip", body.Nip) }
            .Where(s => s.Item2 is not null).ToList();
        if (scopes.Count != 1)
        {
            return (null, scopes.Count == 0
                ? "Give exactly one of 'regionId', 'unitId' or 'nip'."
                : $"Give exactly one of 'regionId', 'unitId' or 'nip' (got {string.Join(" and ", scopes.Select(s => $"'{s.Item1}'"))}).");
        }
        var (field, value) = scopes[0];
        var allowed = body.Kind switch
        {
            ReportKinds.Tpp => new[] { "regionId", "unitId" },
            ReportKinds.Unit => ["unitId"],
            _ => ["nip"],
        };
        if (!allowed.Contains(field))
        {
            return (null, $"'{field}' is not a scope of kind '{body.Kind}'; give {string.Join(" or ", allowed.Select(a => $"'{a}'"))}.");
        }
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
        {
            return (null, $"'{field}' must be a non-empty id of at most 100 characters.");
        }
        if (field == "nip" && !NipShape().IsMatch(value))
        {
            return (null, $"'nip' must be 18 digits (got '{value}').");
        }
        if (body.Period is null || !PeriodShape().IsMatch(body.Period) || !Core.Domain.Period.TryParse(body.Period, out var period))
        {
            return (null, $"'period' must be a month YYYY-MM or a year YYYY (got '{body.Period}').");
        }
        if (body.Kind == ReportKinds.Tpp && period.Kind != PeriodKind.Month)
        {
            return (null, $"'period' of a TPP recap must be a month YYYY-MM (got '{body.Period}').");
        }
        return (new ReportSpec(body.Kind, body.RegionId, body.UnitId, body.Nip, period), null);
    }

    [GeneratedRegex("^[0-9]{18}$")]
    private static partial Regex NipShape();

    [GeneratedRegex("^[0-9]{4}(-[0-9]{2})?$")]
    private static partial Regex PeriodShape();
}
