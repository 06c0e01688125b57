using System.Globalization;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Streams.Attendance;

internal static class AttendanceValidator
{
    public const int MaxLateMinutes = 24 * 60;

    public const int MaxEarlyLeaveMinutes = 24 * 60;

    public static PreparedAttendance? Validate(int index, AttendanceItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        var employee = ctx.Employee(item.Nip, "nip", ref errors);
        if (!Errors.Has(errors, "day"))
        {
            if (item.Day == default)
            {
                Errors.Add(ref errors, "day", "day is required (the local date YYYY-MM-DD).");
            }
            else if (employee is not null)
            {
                var today = employee.Region.Clock.LocalDay(ctx.Now + ctx.Skew);
                if (item.Day > today)
                {
                    Errors.Add(ref errors, "day",
                        $"day {item.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} is in the future for region {employee.Region.Id} (local today is {today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
                }
                ctx.KeptMonth(item.Day, "day", ref errors);
            }
        }
        ValidationContext.OneOf(item.Status, AttendanceStatus.All, "status", ref errors);
        if (item.LateMinutes is < 0 or > MaxLateMinutes)
        {
            Errors.Add(ref errors, "lateMinutes", $"lateMinutes must be between 0 and {MaxLateMinutes}; got {item.LateMinutes}.");
        }
        if (item.EarlyLeaveMinutes is < 0 or > MaxEarlyLeaveMinutes)
        {
            Errors.Add(ref errors, "earlyLeaveMinutes",
                $"earlyLeaveMinutes must be between 0 and {MaxEarlyLeaveMinutes}; got {item.EarlyLeaveMinutes}.");
        }
        CheckLeaveType(item, ref errors);
        if (errors is not null || employee is null)
        {
            return null;
        }
        return new PreparedAttendance(index, item, employee);
    }

    /// <summary>A leave type must be known and fit the status (<see cref="LeaveType.AllowedFor"/>).</summary>
    private static void CheckLeaveType(AttendanceItem item, ref List<FieldError>? errors)
    {
        if (item.LeaveType is not { } type)
        {
            return;
        }
        if (!LeaveType.All.Contains(type, StringComparer.Ordinal))
        {
            Errors.Add(ref errors, "leaveType",
                $"leaveType '{Shown(type)}' is not a known leave type; expected one of {string.Join(", ", LeaveType.All)}.");
            return;
        }
        if (!AttendanceStatus.All.Contains(item.Status, StringComparer.Ordinal))
        {
            return;
        }
        var allowed = LeaveType.AllowedFor(item.Status);
        if (allowed.Count == 0)
        {
            Errors.Add(ref errors, "leaveType",
                $"leaveType is only for status cuti, sakit or izin; status {item.Status} takes no leave type (got '{type}').");
        }
        else if (!allowed.Contains(type, StringComparer.Ordinal))
        {
            Errors.Add(ref errors, "leaveType",
                $"leaveType '{type}' does not fit status {item.Status}; expected one of {string.Join(", ", allowed)}.");
        }
    }

    /// <summary>At most 40 characters of a client's value in an error message.</summary>
    private static string Shown(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
