using System.Globalization;
using Kinerja.Core.Domain;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Apis;

namespace Kinerja.Dashboard.Reference;

/// <summary>
/// The outcome of a reference import: counts of rows kept and each rejected row with its reason, and the pegawai
/// accounts disabled because their employee is no longer active.
/// </summary>
public sealed record ReferenceImportResult(int Regions, int Units, int Employees, int Holidays, IReadOnlyList<string> Errors)
{
    public IReadOnlyList<string> DisabledAccounts { get; init; } = [];
}

/// <summary>
/// Validates reference rows (slugs, IANA zones, NIPs per DOMAIN.md, statuses, references to regions,
/// units and supervisors in the database or the same file) and upserts the valid ones in one transaction. Then the
/// pegawai accounts of employees no longer active (<c>active: false</c>) are disabled, their sessions ended, and every
/// process drops its cached superior relations (<see cref="EmployeeAccountStore.DisableLeaversAsync"/>).
/// </summary>
public sealed class ReferenceImporter(ReferenceRepository repo, EmployeeAccountStore accounts)
{
    /// <summary>The audit actor of accounts disabled by an import.</summary>
    public const string Actor = "system:reference-import";

    public async Task<ReferenceImportResult> ImportAsync(string path, CancellationToken ct)
    {
        var rows = await ReferenceFile.ReadAsync(path, ct);
        var errors = new List<string>();
        var regionIds = (await repo.RegionsAsync(ct)).Select(r => r.Id).ToHashSet();
        var unitIds = (await repo.UnitsAsync(null, ct)).Select(u => u.Id).ToHashSet();
        var nips = (await repo.EmployeesAsync(null, ct)).Select(e => e.Nip).ToHashSet();

        var regions = Collect(rows, "regions", errors, r => ParseRegion(r));
        regionIds.UnionWith(regions.Select(r => r.Id));
        var units = Collect(rows, "units", errors, r => ParseUnit(r, regionIds));
        unitIds.UnionWith(units.Select(u => u.Id));
        var employeeRows = rows.Where(r => r.Kind == "employees").ToList();
        var fileNips = employeeRows.Select(r => Get(r, "nip")).Where(n => n is not null && Nip.Validate(n) is null)
            .Select(n => n!).ToHashSet();
        var employees = Collect(rows, "employees", errors, r => ParseEmployee(r, unitIds, nips, fileNips));
        // A supervisor rejected above must not be referenced by an accepted row.
        var accepted = employees.Select(e => e.Nip).ToHashSet();
        var dangling = employees.Where(e => e.SupervisorNip is not null && !nips.Contains(e.SupervisorNip)
                                            && !accepted.Contains(e.SupervisorNip)).ToList();
        foreach (var e in dangling)
        {
            errors.Add($"employees nip {e.Nip}: supervisorNip {e.SupervisorNip} was rejected, so this row is too.");
        }
        employees = employees.Except(dangling).ToList();
        var holidays = Collect(rows, "holidays", errors, r => ParseHoliday(r, regionIds));

        await repo.UpsertAsync(regions, units, employees, holidays, ct);
        var disabled = await accounts.DisableLeaversAsync(Actor, ct);
        return new ReferenceImportResult(regions.Count, units.Count, employees.Count, holidays.Count, errors)
        {
            DisabledAccounts = disabled,
        };
    }

    private static List<T> Collect<T>(List<ReferenceRow> rows, string kind, List<string> errors, Func<ReferenceRow, (T?, string?)> parse)
        where T : class
    {
        var result = new List<T>();
        foreach (var row in rows.Where(r => r.Kind == kind))
        {
            var (item, error) = parse(row);
            if (item is not null)
            {
                result.Add(item);
            }
            else
            {
                errors.Add($"{row.Location}: {error}");
            }
        }
        return result;
    }

    private static (Region?, string?) ParseRegion(ReferenceRow r)
    {
        var id = Get(r, "id");
        var name = Get(r, "name");
        var tz = Get(r, "timeZone");
        if (Slug(id, "id") is { } e1) return (null, e1);
        if (Name(name) is { } e2) return (null, e2);
        if (!RegionClock.IsKnownTimeZone(tz))
        {
            return (null, $"timeZone '{tz}' is not an IANA time zone (use Asia/Jakarta, Asia/Makassar or Asia/Jayapura).");
        }
        if (!Int(r, "monthlyTargetMinutes", 6750, out var target) || target <= 0) return (null, "monthlyTargetMinutes must be a positive whole number.");
        if (!Int(r, "dailyMinMinutes", 330, out var min) || min < 0) return (null, "dailyMinMinutes must be a whole number ≥ 0.");
        if (!Int(r, "dailyMaxMinutes", 660, out var max) || max <= 0 || max > 1440) return (null, "dailyMaxMinutes must be a whole number between 1 and 1440.");
        if (min > max) return (null, "dailyMinMinutes must not exceed dailyMaxMinutes.");
        return (new Region(id!, name!, tz!, target, min, max), null);
    }

    private static (Unit?, string?) ParseUnit(ReferenceRow r, HashSet<string> regionIds)
    {
        var id = Get(r, "id");
        var regionId = Get(r, "regionId");
        if (Slug(id, "id") is { } e1) return (null, e1);
        if (Name(Get(r, "name")) is { } e2) return (null, e2);
        if (regionId is null || !regionIds.Contains(regionId)) return (null, $"regionId '{regionId}' is not a known region.");
        return (new Unit(id!, regionId, Get(r, "name")!), null);
    }

    private static (Employee?, string?) ParseEmployee(ReferenceRow r, HashSet<string> unitIds, HashSet<string> dbNips, HashSet<string> fileNips)
    {
        var nip = Get(r, "nip");
        if (Nip.Validate(nip) is { } e1) return (null, "nip: " + e1);
        if (Name(Get(r, "name")) is { } e2) return (null, e2);
        var unitId = Get(r, "unitId");
        if (unitId is null || !unitIds.Contains(unitId)) return (null, $"unitId '{unitId}' is not a known unit.");
        var status = Get(r, "status")?.ToUpperInvariant();
        if (status is null || !EmployeeStatus.All.Contains(status)) return (null, $"status '{Get(r, "status")}' must be PNS, PPPK or CPNS.");
        var supervisor = Get(r, "supervisorNip");
        if (supervisor is not null)
        {
            if (Nip.Validate(supervisor) is { } e3) return (null, "supervisorNip: " + e3);
            if (supervisor == nip) return (null, "supervisorNip must differ from nip.");
            if (!dbNips.Contains(supervisor) && !fileNips.Contains(supervisor)) return (null, $"supervisorNip {supervisor} is not a known employee.");
        }
        var position = Get(r, "position") ?? "";
        if (position.Length > 200) return (null, "position is longer than 200 characters.");
        var active = Get(r, "active")?.ToLowerInvariant();
        if (active is not (null or "true" or "false")) return (null, $"active '{Get(r, "active")}' must be true or false (false: the employee has left).");
        return (new Employee(nip!, Get(r, "name")!, unitId, position, status, supervisor, active != "false"), null);
    }

    private static (Holiday?, string?) ParseHoliday(ReferenceRow r, HashSet<string> regionIds)
    {
        var regionId = Get(r, "regionId");
        if (regionId is null || !regionIds.Contains(regionId)) return (null, $"regionId '{regionId}' is not a known region.");
        if (!DateOnly.TryParseExact(Get(r, "day"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (null, $"day '{Get(r, "day")}' must be a date YYYY-MM-DD.");
        }
        return (new Holiday(regionId, day, Get(r, "name") ?? ""), null);
    }

    private static string? Get(ReferenceRow r, string field) =>
        r.Fields.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static bool Int(ReferenceRow r, string field, int fallback, out int value)
    {
        var text = Get(r, field);
        value = fallback;
        return text is null || int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static string? Slug(string? id, string field) => id is not null && ReferenceApi.IdShape().IsMatch(id)
        ? null
        : $"{field} '{id}' must be a lower-case slug of letters, digits and '-' (1-63 characters).";

    private static string? Name(string? name) => name is { Length: > 0 and <= 200 }
        ? null
        : "name is required (at most 200 characters).";
}
