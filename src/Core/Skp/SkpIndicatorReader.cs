using System.Globalization;
using System.Text.Json;
using Kinerja.Core.Domain;

namespace Kinerja.Core.Skp;

/// <summary>
/// Reads one indicator of an RHK for <see cref="SkpDraftReader"/>: its aspect, text, annual target (numeric or
/// qualitative, as the aspect allows) and per-period targets inside the plan's year, each problem with its field path.
/// </summary>
internal static class SkpIndicatorReader
{
    /// <summary>The indicator at <paramref name="path"/>, or null with its problems added to <paramref name="errors"/>.</summary>
    public static IndicatorDraft? Read(JsonElement item, string path, int year, List<SkpFieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "Each indicator must be an object { aspect, text, target, periodTargets }."));
            return null;
        }
        var before = errors.Count;
        var aspect = SkpDraftFields.Text(item, "aspect", path, 16, errors);
        if (aspect is not null && !IndicatorAspect.All.Contains(aspect))
        {
            errors.Add(new($"{path}.aspect", $"aspect must be 'kuantitas', 'kualitas' or 'waktu'; got '{aspect}'."));
            aspect = null;
        }
        var text = SkpDraftFields.Text(item, "text", path, SkpLimits.MaxText, errors);
        SkpTarget? target = null;
        if (!item.TryGetProperty("target", out var t) || t.ValueKind == JsonValueKind.Null)
        {
            errors.Add(new($"{path}.target", "target is required: { \"value\": number, \"unit\": \"…\" } or a qualitative text."));
        }
        else
        {
            target = Target(t, $"{path}.target", aspect, errors);
        }
        var periods = new Dictionary<string, SkpTarget>(StringComparer.Ordinal);
        if (item.TryGetProperty("periodTargets", out var pt) && pt.ValueKind != JsonValueKind.Null)
        {
            if (pt.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new($"{path}.periodTargets", "periodTargets must be an object keyed by period (YYYY-MM or YYYY-Qn of the plan's year)."));
            }
            else
            {
                foreach (var p in pt.EnumerateObject())
                {
                    var ppath = $"{path}.periodTargets.{p.Name}";
                    if (!Period.TryParse(p.Name, out var period) || period.Kind is not (PeriodKind.Month or PeriodKind.Quarter)
                        || period.Start.Year != year)
                    {
                        errors.Add(new(ppath, $"'{p.Name}' is not a month (YYYY-MM) or quarter (YYYY-Qn) of {year}."));
                        continue;
                    }
                    if (Target(p.Value, ppath, aspect, errors) is { } pTarget)
                    {
                        if (target is not null && pTarget.IsNumeric != target.IsNumeric)
                        {
                            errors.Add(new(ppath, "A period target must be of the same kind as the annual target (numeric or qualitative)."));
                        }
                        periods[period.Key] = pTarget;
                    }
                }
            }
        }
        return errors.Count > before ? null : new IndicatorDraft(aspect!, text!, target!, periods);
    }

    private static SkpTarget? Target(JsonElement t, string path, string? aspect, List<SkpFieldError> errors)
    {
        if (t.ValueKind == JsonValueKind.String)
        {
            var text = t.GetString()!.Trim();
            if (aspect is not null && IndicatorAspect.NeedsNumber(aspect))
            {
                errors.Add(new(path, $"An indicator of aspect '{aspect}' needs a numeric target {{ \"value\": number, \"unit\": \"…\" }}, not text."));
                return null;
            }
            if (text.Length == 0 || text.Length > SkpLimits.MaxText)
            {
                errors.Add(new(path, $"A qualitative target is a text of 1 to {SkpLimits.MaxText} characters."));
                return null;
            }
            return SkpTarget.Qualitative(text);
        }
        if (t.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, "A target is { \"value\": number, \"unit\": \"…\" } or a qualitative text."));
            return null;
        }
        if (t.TryGetProperty("text", out var qt) && qt.ValueKind == JsonValueKind.String
            && (!t.TryGetProperty("value", out var nv) || nv.ValueKind == JsonValueKind.Null))
        {
            // { "text": "…" }: the qualitative form GET answers with, so a plan read back saves unchanged
            return Target(qt, path, aspect, errors);
        }
        if (!t.TryGetProperty("value", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var value))
        {
            errors.Add(new($"{path}.value", "A numeric target needs value: a number."));
            return null;
        }
        if (value < 0)
        {
            errors.Add(new($"{path}.value", $"A target value cannot be negative; got {value.ToString(CultureInfo.InvariantCulture)}."));
            return null;
        }
        var unit = SkpDraftFields.Text(t, "unit", path, SkpLimits.MaxUnit, errors);
        return unit is null ? null : SkpTarget.Numeric(value, unit);
    }
}
