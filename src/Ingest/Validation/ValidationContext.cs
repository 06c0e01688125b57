using System.Globalization;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;

namespace Kinerja.Ingest.Validation;

/// <summary>
/// What every validator needs: reference snapshot, source scope, the clock, the allowed skew and the oldest
/// month retention keeps (null: everything is kept).
/// </summary>
internal sealed class ValidationContext(ReferenceData refs, IngestScope scope, DateTimeOffset now, TimeSpan skew,
    DateOnly? oldestKeptMonth = null)
{
    public ReferenceData Refs { get; } = refs;

    public IngestScope Scope { get; } = scope;

    public DateTimeOffset Now { get; } = now;

    public TimeSpan Skew { get; } = skew;

    /// <summary>First day of the oldest month whose stream partitions retention keeps; null when it keeps everything.</summary>
    public DateOnly? OldestKeptMonth { get; } = oldestKeptMonth;

    /// <summary>Rejects an event of a month retention has dropped (its partition is gone; the rollups keep its figures).</summary>
    public void KeptMonth(DateOnly day, string field, ref List<FieldError>? errors)
    {
        if (OldestKeptMonth is { } oldest && day < oldest && !Errors.Has(errors, field))
        {
            Errors.Add(ref errors, field,
                $"{field} falls in {day.ToString("yyyy-MM", CultureInfo.InvariantCulture)}, before the oldest month kept by retention ({oldest.ToString("yyyy-MM", CultureInfo.InvariantCulture)}); raw events of dropped months are not stored.");
        }
    }

    /// <summary>
    /// Rejects a month after the region's current local month, with the same clock and skew as <see cref="Instant"/>
    /// (a rating cannot be given for a month that has not begun, as an activity cannot happen on a day to come).
    /// </summary>
    public void NotFutureMonth(DateOnly month, RegionRef region, string field, ref List<FieldError>? errors)
    {
        if (Errors.Has(errors, field))
        {
            return;
        }
        var today = region.Clock.LocalDay(Now + Skew);
        var current = new DateOnly(today.Year, today.Month, 1);
        if (month > current)
        {
            Errors.Add(ref errors, field,
                $"{field} {month.ToString("yyyy-MM", CultureInfo.InvariantCulture)} is in the future for region {region.Id} (the local month is {current.ToString("yyyy-MM", CultureInfo.InvariantCulture)}).");
        }
    }

    /// <summary>Set when an item named a NIP or unit the snapshot does not know (worth a reload).</summary>
    public bool Missed { get; set; }

    public void RequireEventId(Guid id, ref List<FieldError>? errors, string field = "eventId")
    {
        if (id == Guid.Empty)
        {
            Errors.Add(ref errors, field, $"{field} is required and must be a non-empty UUID.");
        }
    }

    /// <summary>Checks format, existence and scope of a NIP; returns the employee when all hold.</summary>
    public EmployeeRef? Employee(string? nip, string field, ref List<FieldError>? errors)
    {
        if (Errors.Has(errors, field))
        {
            return null;
        }
        var formatError = Nip.Validate(nip);
        if (formatError is not null)
        {
            Errors.Add(ref errors, field, formatError);
            return null;
        }
        if (!Refs.Employees.TryGetValue(nip!, out var employee))
        {
            Missed = true;
            Errors.Add(ref errors, field, $"No employee with NIP {nip} is registered.");
            return null;
        }
        if (!Scope.AllowsEmployee(employee.Nip))
        {
            Errors.Add(ref errors, field,
                $"{field} {nip} names another employee: this submission may only name {string.Join(", ", Scope.Employees!)} (the signed-in employee).");
            return null;
        }
        if (!Scope.Allows(employee.Unit.Id, employee.Region.Id))
        {
            Errors.Add(ref errors, field,
                $"Employee {nip} (unit {employee.Unit.Id}, region {employee.Region.Id}) is outside this source's scope.");
            return null;
        }
        return employee;
    }

    /// <summary>A required instant that may not lie further in the future than the skew.</summary>
    public void Instant(DateTimeOffset value, string field, ref List<FieldError>? errors)
    {
        if (Errors.Has(errors, field))
        {
            return;
        }
        if (value == default)
        {
            Errors.Add(ref errors, field, $"{field} is required (ISO-8601 with offset, e.g. 2026-03-02T08:30:00+07:00).");
            return;
        }
        if (value > Now + Skew)
        {
            Errors.Add(ref errors, field,
                $"{field} {value.ToString("O", CultureInfo.InvariantCulture)} is in the future (more than {Skew.TotalMinutes:0.#} minutes ahead of the server clock).");
        }
    }

    public static void OneOf(string? value, IReadOnlyList<string> allowed, string field, ref List<FieldError>? errors)
    {
        if (Errors.Has(errors, field))
        {
            return;
        }
        if (string.IsNullOrEmpty(value))
        {
            Errors.Add(ref errors, field, $"{field} is required; one of: {string.Join(", ", allowed)}.");
            return;
        }
        foreach (var a in allowed)
        {
            if (a == value)
            {
                return;
            }
        }
        Errors.Add(ref errors, field, $"{field} '{value}' is not one of: {string.Join(", ", allowed)}.");
    }

    /// <summary>A free-text field that is stored as given: at most <paramref name="max"/> characters, and no NUL.</summary>
    public static void MaxLength(string? value, int max, string field, ref List<FieldError>? errors)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length > max)
        {
            Errors.Add(ref errors, field, $"{field} must be at most {max} characters; got {value.Length}.");
        }
        else if (value.Contains('\0'))
        {
            // PostgreSQL text cannot hold U+0000: unchecked, it failed the COPY of the whole writer batch.
            Errors.Add(ref errors, field, $"{field} must not contain the NUL character (U+0000).");
        }
    }
}
