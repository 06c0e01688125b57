using System.Text.Json;

namespace Kinerja.Core.Skp;

/// <summary>
/// Reads and checks the body of <c>POST /api/v1/me/skp?year=</c> on its own (no database): shape, kinds of target per
/// aspect, text and count limits, duplicate RHK codes, the year window, per-period targets inside the plan's year.
/// Every problem is reported with its field path (<c>rhk[2].indicators[0].target</c>); the links to the superior's
/// RHK or the unit's IKU are checked against the database by the store.
/// </summary>
public static class SkpDraftReader
{
    /// <summary>The draft, or every problem found (the draft is null when there is any).</summary>
    public static (SkpDraft? Draft, IReadOnlyList<SkpFieldError> Errors) Read(JsonElement body, int year, int currentYear)
    {
        var errors = new List<SkpFieldError>();
        if (YearError(year, currentYear) is { } yearError)
        {
            errors.Add(yearError);
        }
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("", "The body must be an object { \"version\": n, \"rhk\": [ … ] }."));
            return (null, errors);
        }
        if (body.TryGetProperty("year", out var y) && !(y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var by) && by == year))
        {
            errors.Add(new("year", $"year in the body must match ?year={year} (or be left out)."));
        }
        var version = 0;
        if (!body.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out version) || version < 0)
        {
            errors.Add(new("version", "version is required: the version you edit as GET /api/v1/me/skp shows it (0 when you have no plan yet)."));
        }
        int? revision = null;
        if (body.TryGetProperty("revision", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind == JsonValueKind.Number && r.TryGetInt32(out var rv) && rv >= 1)
            {
                revision = rv;
            }
            else
            {
                errors.Add(new("revision", "revision, when given, must be the revision GET /api/v1/me/skp showed (a whole number ≥ 1)."));
            }
        }
        var rhk = ReadRhkList(body, year, byCode: false, errors);
        return errors.Count > 0 ? (null, errors) : (new SkpDraft(year, version, revision, rhk), errors);
    }

    /// <summary>
    /// Reads one plan of an import (<c>POST /api/v1/skp/import/plans</c>): the same RHK and indicator checks as
    /// <see cref="Read"/>, without the edited version, and with the superior's RHK named by its <c>code</c>
    /// (<c>parentRhk</c>) instead of its id, since the ids of the old application mean nothing here.
    /// </summary>
    public static (SkpDraft? Draft, IReadOnlyList<SkpFieldError> Errors) ReadImported(JsonElement plan, int year, int currentYear)
    {
        var errors = new List<SkpFieldError>();
        if (YearError(year, currentYear) is { } yearError)
        {
            errors.Add(yearError);
        }
        if (plan.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("", "Each plan must be an object { externalId?, nip, year, rhk: [ … ] }."));
            return (null, errors);
        }
        var rhk = ReadRhkList(plan, year, byCode: true, errors);
        return errors.Count > 0 ? (null, errors) : (new SkpDraft(year, 0, null, rhk), errors);
    }

    private static List<RhkDraft> ReadRhkList(JsonElement body, int year, bool byCode, List<SkpFieldError> errors)
    {
        var rhk = new List<RhkDraft>();
        if (!body.TryGetProperty("rhk", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new("rhk", "rhk is required: an array of RHK (it may be empty while drafting)."));
        }
        else if (list.GetArrayLength() > SkpLimits.MaxRhk)
        {
            errors.Add(new("rhk", $"A plan has at most {SkpLimits.MaxRhk} RHK; this one has {list.GetArrayLength()}."));
        }
        else
        {
            var codes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var path = $"rhk[{i}]";
                if (ReadRhk(item, path, year, byCode, errors) is { } read)
                {
                    if (codes.TryGetValue(read.Code, out var first))
                    {
                        errors.Add(new($"{path}.code", $"The code '{read.Code}' is already used by rhk[{first}]: codes are unique within a plan."));
                    }
                    else
                    {
                        codes[read.Code] = i;
                    }
                    rhk.Add(read);
                }
                i++;
            }
        }
        return rhk;
    }

    /// <summary>The problem with a plan year, or null when it is within the window around <paramref name="currentYear"/>.</summary>
    public static SkpFieldError? YearError(int year, int currentYear) =>
        year < currentYear - SkpLimits.YearsBack || year > currentYear + SkpLimits.YearsAhead
            ? new("year", $"year must be between {currentYear - SkpLimits.YearsBack} and {currentYear + SkpLimits.YearsAhead}; got {year}.")
            : null;

    private static RhkDraft? ReadRhk(JsonElement item, string path, int year, bool byCode, List<SkpFieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "Each RHK must be an object { code, kind, text, parentRhkId | parentIku, indicators }."));
            return null;
        }
        var before = errors.Count;
        var code = SkpDraftFields.Text(item, "code", path, SkpLimits.MaxCode, errors);
        var kind = SkpDraftFields.Text(item, "kind", path, 16, errors);
        if (kind is not null && !RhkKind.All.Contains(kind))
        {
            errors.Add(new($"{path}.kind", $"kind must be 'utama' or 'tambahan'; got '{kind}'."));
        }
        var text = SkpDraftFields.Text(item, "text", path, SkpLimits.MaxText, errors);
        long? parentRhk = null;
        string? parentRhkCode = null;
        string? parentIku = null;
        var rhkField = byCode ? "parentRhk" : "parentRhkId";
        var hasRhk = item.TryGetProperty(rhkField, out var pr) && pr.ValueKind != JsonValueKind.Null;
        var hasIku = item.TryGetProperty("parentIku", out var pi) && pi.ValueKind != JsonValueKind.Null;
        if (hasRhk == hasIku)
        {
            errors.Add(new($"{path}.{rhkField}", byCode
                ? "Give exactly one parent: parentRhk (the code of an RHK of the direct superior's plan of the year) " +
                  "or parentIku (the code of an IKU of the unit, for the top of a unit)."
                : "Give exactly one parent: parentRhkId (an RHK of your direct superior's current plan) " +
                  "or parentIku (the code of an IKU of your unit, when you have no superior in your unit)."));
        }
        else if (hasRhk && byCode)
        {
            parentRhkCode = SkpDraftFields.Text(item, rhkField, path, SkpLimits.MaxCode, errors);
        }
        else if (hasRhk)
        {
            if (pr.ValueKind == JsonValueKind.Number && pr.TryGetInt64(out var id) && id > 0)
            {
                parentRhk = id;
            }
            else
            {
                errors.Add(new($"{path}.parentRhkId", "parentRhkId must be the id (a positive number) of an RHK of your direct superior's plan."));
            }
        }
        else
        {
            parentIku = SkpDraftFields.Text(item, "parentIku", path, SkpLimits.MaxCode, errors);
        }
        var indicators = new List<IndicatorDraft>();
        if (!item.TryGetProperty("indicators", out var inds) || inds.ValueKind != JsonValueKind.Array || inds.GetArrayLength() == 0)
        {
            errors.Add(new($"{path}.indicators", "indicators is required: an array of 1 to " + SkpLimits.MaxIndicatorsPerRhk + " indicators."));
        }
        else if (inds.GetArrayLength() > SkpLimits.MaxIndicatorsPerRhk)
        {
            errors.Add(new($"{path}.indicators", $"An RHK has at most {SkpLimits.MaxIndicatorsPerRhk} indicators; this one has {inds.GetArrayLength()}."));
        }
        else
        {
            var j = 0;
            foreach (var ind in inds.EnumerateArray())
            {
                if (SkpIndicatorReader.Read(ind, $"{path}.indicators[{j}]", year, errors) is { } read)
                {
                    indicators.Add(read);
                }
                j++;
            }
        }
        return errors.Count > before ? null : new RhkDraft(code!, kind!, text!, parentRhk, parentIku, indicators, parentRhkCode);
    }
}
