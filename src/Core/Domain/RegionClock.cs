namespace Kinerja.Core.Domain;

/// <summary>
/// A region's local time. A work "day" or "month" is always the region's local one, never UTC's
/// (DOMAIN.md: WIB Asia/Jakarta, WITA Asia/Makassar, WIT Asia/Jayapura).
/// </summary>
public sealed class RegionClock
{
    public RegionClock(string timeZoneId)
    {
        TimeZoneId = timeZoneId;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
    }

    public string TimeZoneId { get; }

    public TimeZoneInfo TimeZone { get; }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public DateOnly Today(TimeProvider time) => LocalDay(time.GetUtcNow());

    /// <summary>The UTC instant at which the given local day starts.</summary>
    public DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }

    /// <summary>True for IANA ids this machine knows; used to validate reference data.</summary>
    public static bool IsKnownTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || !id.Contains('/'))
        {
            return false;
        }
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
        catch (InvalidTimeZoneException)
        {
            return false;
        }
    }
}
