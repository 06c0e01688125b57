using System.Globalization;
using Kinerja.Core.Skp;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Apis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Skp;

/// <summary>Answers shared by the SKP endpoints: the plan owner from the reference data, the year, problem details.</summary>
internal static class SkpAnswers
{
    /// <summary>The plan owner as the reference data says now: the direct superior (when active) and whom the RHK cascade from.</summary>
    public static async Task<SkpOwner> OwnerAsync(EmployeeEntry employee, TeamScope team, CancellationToken ct)
    {
        var superior = employee.SupervisorNip is { } s ? await team.EmployeeAsync(s, ct) : null;
        var superiorNip = superior is { Active: true } ? superior.Nip : null;
        return new SkpOwner(employee.Nip, employee.UnitId, superiorNip, superiorNip is not null && superior!.UnitId == employee.UnitId ? superiorNip : null);
    }

    /// <summary>The years the SKP API opens, around the current year of <paramref name="time"/>, with the years among them that have a plan of <paramref name="nips"/>.</summary>
    public static async Task<SkpYears> YearsAsync(SkpPlanReads plans, IReadOnlyCollection<string> nips, TimeProvider time, CancellationToken ct)
    {
        var current = time.GetUtcNow().Year;
        var (from, to) = (current - SkpLimits.YearsBack, current + SkpLimits.YearsAhead);
        return new SkpYears(await plans.YearsAsync(nips, from, to, ct), from, to);
    }

    /// <summary>The year of <c>?year=YYYY</c> (required), inside the window around the current year; or the 400 to answer.</summary>
    public static bool TryYear(string? text, TimeProvider time, out int year, out IResult? problem)
    {
        problem = null;
        year = 0;
        if (string.IsNullOrEmpty(text) || text.Length != 4 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year))
        {
            problem = Invalid([new("year", string.IsNullOrEmpty(text) ? "year is required: the plan's year, YYYY (e.g. ?year=2026)."
                : $"year must be a year YYYY (e.g. 2026); got '{text}'.")]);
            return false;
        }
        if (SkpDraftReader.YearError(year, time.GetUtcNow().Year) is { } error)
        {
            problem = Invalid([error]);
            return false;
        }
        return true;
    }

    /// <summary>400 validation problem: each field path with its messages; the detail repeats the first one.</summary>
    public static ValidationProblem Invalid(IReadOnlyList<SkpFieldError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            $"{errors[0].Field}: {errors[0].Message}" + (errors.Count > 1 ? $" (and {errors.Count - 1} more)" : ""), title: "Invalid SKP plan");

    /// <summary>The HTTP answer of a write outcome (a stored plan is answered with the employee JSON).</summary>
    public static IResult Of(SkpOutcome outcome) => outcome switch
    {
        SkpOutcome.Stored s => TypedResults.Json(s.Plan, EmployeeJson.Options),
        SkpOutcome.Invalid i => Invalid(i.Errors),
        SkpOutcome.Conflict c => TypedResults.Problem(title: "Conflict", detail: c.Detail, statusCode: StatusCodes.Status409Conflict),
        SkpOutcome.Missing m => TypedResults.Problem(title: "Not found", detail: m.Detail, statusCode: StatusCodes.Status404NotFound),
        _ => throw new InvalidOperationException("Unknown SKP outcome " + outcome.GetType().Name),
    };
}
