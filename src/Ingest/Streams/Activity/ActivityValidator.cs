using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>Checks of one activity that need no stored events (the day total is checked by the writer).</summary>
internal static class ActivityValidator
{
    public const int MaxText = 4000;

    public const int MaxSkpIndicator = 200;

    public static PreparedActivity? Validate(int index, ActivityItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        var employee = ctx.Employee(item.Nip, "nip", ref errors);
        ctx.Instant(item.OccurredAt, "occurredAt", ref errors);
        if (!Errors.Has(errors, "minutes"))
        {
            if (employee is not null && (item.Minutes < 1 || item.Minutes > employee.Region.DailyMaxMinutes))
            {
                Errors.Add(ref errors, "minutes",
                    $"minutes must be between 1 and {employee.Region.DailyMaxMinutes} (the daily maximum of region {employee.Region.Id}); got {item.Minutes}.");
            }
            else if (item.Minutes < 1)
            {
                Errors.Add(ref errors, "minutes", $"minutes must be a positive whole number; got {item.Minutes}.");
            }
        }
        if (item.Volume is < 0)
        {
            Errors.Add(ref errors, "volume", $"volume must not be negative; got {item.Volume}.");
        }
        if (string.IsNullOrWhiteSpace(item.Description) && !Errors.Has(errors, "description"))
        {
            Errors.Add(ref errors, "description", "description is required (what was done).");
        }
        ValidationContext.MaxLength(item.Description, MaxText, "description", ref errors);
        ValidationContext.MaxLength(item.Output, MaxText, "output", ref errors);
        ValidationContext.MaxLength(item.SkpIndicator, MaxSkpIndicator, "skpIndicator", ref errors);
        if (employee is null || Errors.Has(errors, "occurredAt") || item.OccurredAt == default)
        {
            return null;
        }
        // the local day, converted once for the retention check and the writer (a time-zone conversion each)
        var localDay = employee.Region.Clock.LocalDay(item.OccurredAt);
        ctx.KeptMonth(localDay, "occurredAt", ref errors);
        return errors is null ? new PreparedActivity(index, item, employee, localDay) : null;
    }
}
