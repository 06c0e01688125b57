using System.Globalization;
using System.Text.RegularExpressions;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;
using Kinerja.Ingest.Reference;

namespace Kinerja.Ingest.Streams.Rating;

internal static partial class RatingValidator
{
    /// <summary>A rated month <c>YYYY-MM</c> from 1900 to 2199 (the OpenAPI document carries the same pattern).</summary>
    public const string MonthPattern = @"^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])$";

    public const int MaxRaterRef = 200;

    public static PreparedRating? Validate(int index, RatingItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        EmployeeRef? employee = null;
        UnitRef? unit = null;
        var hasNip = !string.IsNullOrEmpty(item.Nip);
        var hasUnit = !string.IsNullOrEmpty(item.UnitId);
        if (hasNip && hasUnit)
        {
            Errors.Add(ref errors, "unitId", "Give either nip (an employee rating) or unitId (a unit rating), not both.");
        }
        else if (!hasNip && !hasUnit)
        {
            if (!Errors.Has(errors, "nip") && !Errors.Has(errors, "unitId"))
            {
                Errors.Add(ref errors, "nip", "nip (an employee rating) or unitId (a unit rating) is required.");
            }
        }
        else if (hasNip)
        {
            employee = ctx.Employee(item.Nip, "nip", ref errors);
            unit = employee?.Unit;
        }
        else if (!Errors.Has(errors, "unitId"))
        {
            if (!ctx.Refs.Units.TryGetValue(item.UnitId!, out unit))
            {
                ctx.Missed = true;
                Errors.Add(ref errors, "unitId", $"No unit with id '{item.UnitId}' is registered.");
            }
            else if (!ctx.Scope.Allows(unit.Id, unit.Region.Id))
            {
                Errors.Add(ref errors, "unitId", $"Unit {unit.Id} (region {unit.Region.Id}) is outside this source's scope.");
                unit = null;
            }
        }
        ValidationContext.OneOf(item.RaterRole, RaterRole.All, "raterRole", ref errors);
        ValidationContext.OneOf(item.Aspect, Aspect.All, "aspect", ref errors);
        if (!Errors.Has(errors, "score") && item.Score is < 1 or > 5)
        {
            Errors.Add(ref errors, "score", $"score must be a whole number from 1 to 5; got {item.Score}.");
        }
        if (!Errors.Has(errors, "period"))
        {
            if (string.IsNullOrEmpty(item.Period))
            {
                Errors.Add(ref errors, "period", "period is required (the rated month, YYYY-MM).");
            }
            else if (!MonthShape().IsMatch(item.Period))
            {
                Errors.Add(ref errors, "period", $"period must be a month YYYY-MM (e.g. 2026-03); got '{item.Period}'.");
            }
            else
            {
                var month = DateOnly.ParseExact(item.Period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
                ctx.KeptMonth(month, "period", ref errors);
                if (unit is not null)
                {
                    ctx.NotFutureMonth(month, unit.Region, "period", ref errors);
                }
            }
        }
        ValidationContext.MaxLength(item.RaterRef, MaxRaterRef, "raterRef", ref errors);
        ctx.Instant(item.OccurredAt, "occurredAt", ref errors);
        if (errors is not null || unit is null)
        {
            return null;
        }
        return new PreparedRating(index, item, employee, unit);
    }

    [GeneratedRegex(MonthPattern, RegexOptions.CultureInvariant)]
    private static partial Regex MonthShape();
}
