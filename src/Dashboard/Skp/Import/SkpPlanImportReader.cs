using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kinerja.Core.Skp;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>
/// One plan of an import as read from the body, before any check: who and which year, the plan as the JSON shape that
/// <see cref="SkpDraftReader.ReadImported"/> reads, the rows it came from, and the problems already found in its rows.
/// </summary>
public sealed class SkpPlanCandidate(string? externalId, string? nip, string? year, bool fromCsv)
{
    public string? ExternalId { get; } = externalId;
    public string? Nip { get; } = nip;
    public string? YearText { get; } = year;
    public bool FromCsv { get; } = fromCsv;

    /// <summary>The plan in the JSON shape <see cref="SkpDraftReader.ReadImported"/> reads.</summary>
    public JsonElement Body { get; set; }

    /// <summary>Every row of the plan, in file order.</summary>
    public List<int> Rows { get; } = [];

    /// <summary>The row an RHK (<c>rhk[2]</c>) or indicator (<c>rhk[2].indicators[0]</c>) came from.</summary>
    public Dictionary<string, int> RowOfPath { get; } = new(StringComparer.Ordinal);

    /// <summary>Problems of single rows found while reading (a field count, a number that does not parse, a disagreeing RHK cell).</summary>
    public List<(int Row, SkpFieldError Error)> RowErrors { get; } = [];
}

/// <summary>
/// Reads the body of <c>POST /api/v1/skp/import/plans</c> into plans. JSON: an array of
/// <c>{ externalId?, nip, year, rhk: [ { code, kind, text, parentRhk | parentIku, indicators: [...] } ] }</c> (the RHK and
/// indicators exactly as <c>POST /api/v1/me/skp</c> takes them, the superior's RHK by code). CSV: one row per indicator
/// (<see cref="Columns"/>), the rows of a plan grouped by <c>externalId</c> (or by <c>nip</c> and <c>year</c> without it)
/// and its RHK by <c>rhkCode</c>. Either way the plan then goes through the one validator, <see cref="SkpDraftReader"/>.
/// </summary>
public static partial class SkpPlanImportReader
{
    public static readonly IReadOnlyList<string> Required = ["nip", "year", "rhkCode", "rhkKind", "rhkText", "aspect", "indicatorText"];

    public static readonly IReadOnlyList<string> Optional = ["externalId", "parentRhk", "parentIku", "targetValue", "targetUnit", "targetText", "periodTargets"];

    public static IReadOnlyList<string> Columns => [.. Required, .. Optional];

    /// <summary>Plans of a JSON array body; a body that is not an array is a <see cref="FormatException"/>.</summary>
    public static List<SkpPlanCandidate> FromJson(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"The body must be a JSON array of plans {{ externalId?, nip, year, rhk: [ … ] }}; got {body.ValueKind}.");
        }
        var plans = new List<SkpPlanCandidate>();
        var row = 0;
        foreach (var item in body.EnumerateArray())
        {
            row++;
            var isObject = item.ValueKind == JsonValueKind.Object;
            var plan = new SkpPlanCandidate(isObject ? Scalar(item, "externalId") : null, isObject ? Scalar(item, "nip") : null,
                isObject ? Scalar(item, "year") : null, fromCsv: false) { Body = item.Clone() };
            plan.Rows.Add(row);
            plans.Add(plan);
        }
        return plans;
    }

    /// <summary>Plans of CSV rows (one row per indicator), grouped in the order their first row appears.</summary>
    public static List<SkpPlanCandidate> FromCsv(IReadOnlyList<SkpImportRow> rows)
    {
        var groups = new Dictionary<string, (SkpPlanCandidate Plan, JsonObject Body, JsonArray Rhk, Dictionary<string, (int Index, SkpImportRow First)> Codes)>(
            StringComparer.Ordinal);
        var order = new List<string>();
        var plans = new List<SkpPlanCandidate>();
        foreach (var row in rows)
        {
            var key = row["externalId"] is { } ext ? "ext:" + ext : $"nip:{row["nip"]}|{row["year"]}";
            if (!groups.TryGetValue(key, out var group))
            {
                var rhkArray = new JsonArray();
                group = (new SkpPlanCandidate(row["externalId"], row["nip"], row["year"], fromCsv: true), new JsonObject { ["rhk"] = rhkArray }, rhkArray,
                    new(StringComparer.OrdinalIgnoreCase));
                groups[key] = group;
                order.Add(key);
            }
            var plan = group.Plan;
            plan.Rows.Add(row.Line);
            if (row.FieldCountError is { } countError)
            {
                plan.RowErrors.Add((row.Line, new SkpFieldError("", countError)));
                continue;
            }
            if (row["nip"] != plan.Nip || row["year"] != plan.YearText)
            {
                plan.RowErrors.Add((row.Line, new SkpFieldError("externalId",
                    $"The rows of externalId '{plan.ExternalId}' must all have the same nip and year ({plan.Nip}, {plan.YearText}).")));
                continue;
            }
            var code = row["rhkCode"] ?? "";
            if (!group.Codes.TryGetValue(code, out var rhk))
            {
                var node = new JsonObject
                {
                    ["code"] = row["rhkCode"], ["kind"] = row["rhkKind"], ["text"] = row["rhkText"],
                    ["parentRhk"] = row["parentRhk"], ["parentIku"] = row["parentIku"], ["indicators"] = new JsonArray(),
                };
                rhk = (group.Rhk.Count, row);
                group.Codes[code] = rhk;
                group.Rhk.Add(node);
                plan.RowOfPath[$"rhk[{rhk.Index}]"] = row.Line;
            }
            else
            {
                foreach (var column in new[] { "rhkKind", "rhkText", "parentRhk", "parentIku" })
                {
                    if (row[column] != rhk.First[column])
                    {
                        plan.RowErrors.Add((row.Line, new SkpFieldError(column,
                            $"{column} differs from line {rhk.First.Line} of the same RHK '{code}': repeat the RHK's cells unchanged on each of its indicator rows.")));
                    }
                }
            }
            var indicators = (JsonArray)group.Rhk[rhk.Index]!["indicators"]!;
            plan.RowOfPath[$"rhk[{rhk.Index}].indicators[{indicators.Count}]"] = row.Line;
            indicators.Add(Indicator(row, plan));
        }
        foreach (var key in order)
        {
            var (plan, body, _, _) = groups[key];
            plan.Body = JsonSerializer.SerializeToElement(body);
            plans.Add(plan);
        }
        return plans;
    }

    /// <summary>The CSV column an error path of the validator stands for (<c>rhk[0].indicators[1].target</c> → <c>targetValue</c>).</summary>
    public static string CsvColumn(string path)
    {
        var last = path[(path.LastIndexOf(']') + 1)..].TrimStart('.');
        var inIndicator = path.Contains(".indicators[", StringComparison.Ordinal);
        return last switch
        {
            "code" => "rhkCode",
            "kind" => "rhkKind",
            "text" => inIndicator ? "indicatorText" : "rhkText",
            "target" or "target.value" => "targetValue",
            "target.unit" => "targetUnit",
            "indicators" => "rhkCode",
            _ when last.StartsWith("periodTargets", StringComparison.Ordinal) => "periodTargets",
            "" => inIndicator ? "aspect" : "rhkCode",
            _ => last,
        };
    }

    private static JsonObject Indicator(SkpImportRow row, SkpPlanCandidate plan)
    {
        var indicator = new JsonObject { ["aspect"] = row["aspect"], ["text"] = row["indicatorText"] };
        var value = Number(row, "targetValue", plan);
        if (row["targetValue"] is not null && row["targetText"] is not null)
        {
            plan.RowErrors.Add((row.Line, new SkpFieldError("targetText",
                "Give either targetValue with targetUnit (a numeric target) or targetText (a qualitative target), not both.")));
        }
        indicator["target"] = row["targetText"] is { } text && row["targetValue"] is null
            ? JsonValue.Create(text)
            : row["targetValue"] is null && row["targetUnit"] is null ? null
            : new JsonObject { ["value"] = value is null ? null : JsonValue.Create(value.Value), ["unit"] = row["targetUnit"] };
        if (row["periodTargets"] is { } periods)
        {
            var targets = new JsonObject();
            foreach (var part in periods.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var match = PeriodTarget().Match(part);
                if (!match.Success)
                {
                    plan.RowErrors.Add((row.Line, new SkpFieldError("periodTargets",
                        $"periodTargets is a list 'YYYY-Qn=value;YYYY-MM=value' (value a number, or a text for a qualitative target); got '{part}'.")));
                    continue;
                }
                var v = match.Groups[2].Value.Trim();
                targets[match.Groups[1].Value] = decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)
                    ? new JsonObject { ["value"] = n, ["unit"] = row["targetUnit"] }
                    : JsonValue.Create(v);
            }
            indicator["periodTargets"] = targets;
        }
        return indicator;
    }

    private static decimal? Number(SkpImportRow row, string column, SkpPlanCandidate plan)
    {
        if (row[column] is not { } text)
        {
            return null;
        }
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }
        plan.RowErrors.Add((row.Line, new SkpFieldError(column, $"{column} must be a number with '.' as the decimal point (e.g. 12 or 7.5); got '{text}'.")));
        return null;
    }

    private static string? Scalar(JsonElement item, string name) =>
        !item.TryGetProperty(name, out var p) ? null
        : p.ValueKind == JsonValueKind.String ? p.GetString()
        : p.ValueKind == JsonValueKind.Number ? p.GetRawText()
        : null;

    [GeneratedRegex(@"^([0-9]{4}-(?:0[1-9]|1[0-2]|Q[1-4]))\s*=\s*(.+)$")]
    private static partial Regex PeriodTarget();
}
