using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kinerja.Core.Domain;
using Kinerja.Core.Skp;

namespace Kinerja.Dashboard.Skp;

/// <summary>One IKU of a unit's annual plan as HR writes it: the annual target and optional per-period targets of its year.</summary>
public sealed record UnitIkuTarget(int Year, string Code, string Name, decimal TargetValue, string TargetUnit,
    IReadOnlyDictionary<string, decimal> PeriodTargets)
{
    /// <summary>The per-period targets as stored in <c>unit_iku.period_targets</c>: <c>{ "2026-Q1": 25 }</c>, keys in order.</summary>
    public string PeriodTargetsJson() => JsonSerializer.Serialize(PeriodTargets.OrderBy(p => p.Key, StringComparer.Ordinal)
        .ToDictionary(p => p.Key, p => p.Value));
}

/// <summary>
/// Reads and checks one IKU target (<c>PUT /api/v1/units/{unitId}/iku</c>, <c>POST /api/v1/skp/import/iku</c>, the CLI's
/// <c>import iku-targets</c>): <c>year</c> inside the plan window, <c>code</c> (letters, digits, space, <c>. _ -</c>; 1 to 32),
/// <c>name</c> (1 to 500), <c>targetValue</c> a number of at least 0, <c>targetUnit</c> (1 to 50) and <c>periodTargets</c>,
/// an object <c>{ "2026-Q1": 25 }</c> or the text <c>2026-Q1=25; 2026-06=50</c> (the CSV form), keyed by months
/// (<c>YYYY-MM</c>) or quarters (<c>YYYY-Qn</c>) of the year, the period vocabulary of SKP. Every problem names its field.
/// </summary>
public static partial class UnitIkuTargetReader
{
    public const int MaxName = 500;

    /// <summary>Twelve months and four quarters: the most distinct periods a year has.</summary>
    public const int MaxPeriodTargets = 16;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9 ._-]*$")]
    private static partial Regex CodePattern();

    public static (UnitIkuTarget? Target, List<SkpFieldError> Errors) Read(JsonObject item, int currentYear)
    {
        var errors = new List<SkpFieldError>();
        var year = Year(item["year"], currentYear, errors);
        var code = Text(item, "code", SkpLimits.MaxCode, errors);
        if (code is not null && !CodePattern().IsMatch(code))
        {
            errors.Add(new("code", $"code may hold letters, digits, spaces and . _ - and must begin with a letter or digit; got '{code}'."));
            code = null;
        }
        var name = Text(item, "name", MaxName, errors);
        var value = Number(item["targetValue"], "targetValue", "targetValue is required: the annual target, a number of at least 0", errors);
        var unit = Text(item, "targetUnit", SkpLimits.MaxUnit, errors);
        var periods = year is { } y ? PeriodTargets(item["periodTargets"], y, errors) : new Dictionary<string, decimal>();
        return errors.Count > 0 || year is null || code is null || name is null || value is null || unit is null
            ? (null, errors)
            : (new UnitIkuTarget(year.Value, code, name, value.Value, unit, periods), errors);
    }

    private static int? Year(JsonNode? node, int currentYear, List<SkpFieldError> errors)
    {
        int year;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out decimal d) && d == decimal.Truncate(d)
            && d is >= 0 and <= 9999)
        {
            year = (int)d;
        }
        else
        {
            errors.Add(new("year", node is null ? "year is required: the plan's year, YYYY (e.g. 2026)." : $"year must be a year YYYY (e.g. 2026); got {Clip(node.ToJsonString())}."));
            return null;
        }
        if (SkpDraftReader.YearError(year, currentYear) is { } error)
        {
            errors.Add(error);
            return null;
        }
        return year;
    }

    private static string? Text(JsonObject item, string name, int max, List<SkpFieldError> errors)
    {
        if (item[name] is not JsonValue v || v.GetValueKind() != JsonValueKind.String || v.GetValue<string>().Trim() is not { Length: > 0 } s)
        {
            var given = item[name];
            errors.Add(new(name, given is null || given.GetValueKind() == JsonValueKind.String
                ? $"{name} is required (a text of 1 to {max} characters)."
                : $"{name} must be a text of 1 to {max} characters; got {Clip(given.ToJsonString())}."));
            return null;
        }
        if (s.Length > max)
        {
            errors.Add(new(name, $"{name} is at most {max} characters; got {s.Length}."));
            return null;
        }
        if (s.Any(char.IsControl))
        {
            errors.Add(new(name, $"{name} must be one line of text without control characters (tabs, line breaks)."));
            return null;
        }
        return s;
    }

    private static decimal? Number(JsonNode? node, string field, string required, List<SkpFieldError> errors)
    {
        if (node is null)
        {
            errors.Add(new(field, required + "."));
            return null;
        }
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number || !v.TryGetValue(out decimal value))
        {
            errors.Add(new(field, $"{field} must be a number (e.g. 25 or 87.5); got {Clip(node.ToJsonString())}."));
            return null;
        }
        if (value < 0)
        {
            errors.Add(new(field, $"{field} cannot be negative; got {value.ToString(CultureInfo.InvariantCulture)}."));
            return null;
        }
        return value;
    }

    private static Dictionary<string, decimal> PeriodTargets(JsonNode? node, int year, List<SkpFieldError> errors)
    {
        var targets = new Dictionary<string, decimal>(StringComparer.Ordinal);
        IEnumerable<(string Key, JsonNode? Value)> entries;
        switch (node)
        {
            case null:
                return targets;
            case JsonObject o:
                entries = o.Select(p => (p.Key, p.Value));
                break;
            case JsonValue s when s.GetValueKind() == JsonValueKind.String:
                if (FromText(s.GetValue<string>(), year, errors) is not { } parsed)
                {
                    return targets;
                }
                entries = parsed;
                break;
            default:
                errors.Add(new("periodTargets", "periodTargets must be an object { \"YYYY-Qn\": number } or the text 'YYYY-Qn=number; YYYY-MM=number'."));
                return targets;
        }
        foreach (var (key, value) in entries)
        {
            var path = "periodTargets." + key;
            if (!Period.TryParse(key, out var period) || period.Kind is not (PeriodKind.Month or PeriodKind.Quarter) || period.Start.Year != year)
            {
                errors.Add(new(path, $"'{Clip(key)}' is not a month (YYYY-MM) or quarter (YYYY-Qn) of {year}."));
                continue;
            }
            if (!targets.TryAdd(period.Key, 0))
            {
                errors.Add(new(path, $"The period {period.Key} is given twice."));
                continue;
            }
            if (Number(value, path, $"The target of {period.Key} is required: a number of at least 0", errors) is { } v)
            {
                targets[period.Key] = v;
            }
        }
        if (targets.Count > MaxPeriodTargets)
        {
            errors.Add(new("periodTargets", $"A year has at most {MaxPeriodTargets} periods (12 months and 4 quarters); got {targets.Count}."));
        }
        return targets;
    }

    /// <summary><c>2026-Q1=25; 2026-06=50</c> (spaces and an empty last part are fine) as key and number pairs.</summary>
    private static List<(string, JsonNode?)>? FromText(string text, int year, List<SkpFieldError> errors)
    {
        var pairs = new List<(string, JsonNode?)>();
        foreach (var part in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                errors.Add(new("periodTargets", $"'{Clip(part)}' is not 'period=target' (write e.g. {year}-Q1=25; {year}-Q2=50)."));
                return null;
            }
            var number = part[(eq + 1)..].Trim();
            // a number stays a number (a negative one is refused as negative), anything else is answered as not a number
            pairs.Add((part[..eq].Trim(), decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d) : JsonValue.Create(number)));
        }
        return pairs;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
