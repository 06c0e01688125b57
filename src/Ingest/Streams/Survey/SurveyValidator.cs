using System.Globalization;
using System.Text.RegularExpressions;
using Kinerja.Core.Survey;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Streams.Survey;

internal static partial class SurveyValidator
{
    /// <summary>A service id: lower-case letters, digits, <c>.</c>, <c>_</c>, <c>-</c>, 1 to 64 characters.</summary>
    public const string ServicePattern = "^[a-z0-9][a-z0-9._-]{0,63}$";

    /// <summary>The longest complaint or suggestion, in UTF-16 code units.</summary>
    public const int MaxComment = 2000;

    public static PreparedSurvey? Validate(int index, SurveyItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        var unit = Unit(item.UnitId, ctx, ref errors);
        if (item.ServiceId is { } service && !Errors.Has(errors, "serviceId") && !ServiceShape().IsMatch(service))
        {
            Errors.Add(ref errors, "serviceId",
                $"serviceId must be 1 to 64 lower-case letters, digits, '.', '_' or '-' (starting with a letter or digit); got '{Clip(service)}'.");
        }
        EmployeeRef? officer = null;
        if (!string.IsNullOrEmpty(item.OfficerNip))
        {
            officer = ctx.Employee(item.OfficerNip, "officerNip", ref errors);
            if (officer is not null && unit is not null && officer.Unit.Id != unit.Id)
            {
                Errors.Add(ref errors, "officerNip", $"Officer {officer.Nip} does not work in unit {unit.Id}.");
                officer = null;
            }
        }
        var answers = item.Answers();
        for (var i = 0; i < answers.Length; i++)
        {
            var field = SurveyElements.Codes[i];
            if (!Errors.Has(errors, field) && answers[i] is < SurveyElements.MinAnswer or > SurveyElements.MaxAnswer)
            {
                Errors.Add(ref errors, field, $"{field} must be a whole number from 1 to 4; got {answers[i]}.");
            }
        }
        Optional(item.AgeBand, SurveyElements.AgeBands, "ageBand", ref errors);
        Optional(item.Sex, SurveyElements.Sexes, "sex", ref errors);
        Optional(item.Education, SurveyElements.Educations, "education", ref errors);
        Optional(item.Occupation, SurveyElements.Occupations, "occupation", ref errors);
        CommentText(item.Comment, ref errors);
        ctx.Instant(item.SubmittedAt, "submittedAt", ref errors);
        string? period = null;
        if (unit is not null && !Errors.Has(errors, "submittedAt"))
        {
            var local = unit.Region.Clock.LocalDay(item.SubmittedAt);
            ctx.KeptMonth(local, "submittedAt", ref errors);
            period = local.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
        if (errors is not null || unit is null || period is null)
        {
            return null;
        }
        return new PreparedSurvey(index, item, unit, officer, period);
    }

    private static UnitRef? Unit(string unitId, ValidationContext ctx, ref List<FieldError>? errors)
    {
        if (Errors.Has(errors, "unitId"))
        {
            return null;
        }
        if (string.IsNullOrEmpty(unitId))
        {
            Errors.Add(ref errors, "unitId", "unitId is required (the surveyed unit).");
            return null;
        }
        if (!ctx.Refs.Units.TryGetValue(unitId, out var unit))
        {
            ctx.Missed = true;
            Errors.Add(ref errors, "unitId", $"No unit with id '{Clip(unitId)}' is registered.");
            return null;
        }
        if (!ctx.Scope.Allows(unit.Id, unit.Region.Id))
        {
            Errors.Add(ref errors, "unitId", $"Unit {unit.Id} (region {unit.Region.Id}) is outside this source's scope.");
            return null;
        }
        return unit;
    }

    private static void Optional(string? value, IReadOnlyList<string> allowed, string field, ref List<FieldError>? errors)
    {
        if (value is not null)
        {
            ValidationContext.OneOf(value, allowed, field, ref errors);
        }
    }

    /// <summary>
    /// A complaint is stored verbatim (and shown escaped), so it only has to be text PostgreSQL and screens can hold:
    /// bounded, well-formed UTF-16 (no lone surrogate), no control characters other than tab and line breaks.
    /// </summary>
    private static void CommentText(string? comment, ref List<FieldError>? errors)
    {
        if (comment is null || Errors.Has(errors, "comment"))
        {
            return;
        }
        ValidationContext.MaxLength(comment, MaxComment, "comment", ref errors);
        if (Errors.Has(errors, "comment"))
        {
            return;
        }
        for (var i = 0; i < comment.Length; i++)
        {
            var c = comment[i];
            if (char.IsHighSurrogate(c) && i + 1 < comment.Length && char.IsLowSurrogate(comment[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                Errors.Add(ref errors, "comment", $"comment holds an unpaired surrogate (U+{(int)c:X4}) at position {i}: not valid Unicode text.");
                return;
            }
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                Errors.Add(ref errors, "comment", $"comment must not contain the control character U+{(int)c:X4} (position {i}).");
                return;
            }
        }
    }

    private static string Clip(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex(ServicePattern, RegexOptions.CultureInvariant)]
    private static partial Regex ServiceShape();
}
