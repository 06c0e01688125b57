using System.Globalization;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Streams.Attendance;

internal static class AttendanceValidator
{
    public const int MaxLateMinutes = 24 * 60;

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
        if (errors is not null || employee is null)
        {
            return null;
        }
        return new PreparedAttendance(index, item, employee);
    }
}
