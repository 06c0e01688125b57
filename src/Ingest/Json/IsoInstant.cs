namespace Kinerja.Ingest.Json;

/// <summary>
/// The common shape of an instant, read straight from UTF-8 without a string or the culture-aware parser:
/// <c>YYYY-MM-DDTHH:MM:SS</c>, an optional fraction of 1 to 7 digits, then <c>Z</c> or <c>±HH:MM</c>. Every text it
/// accepts, <see cref="JsonFields.TryParseInstant"/> accepts with the same value; anything else (other shapes, lower-case
/// <c>t</c>/<c>z</c>, leap seconds, years 1 and 9999 near the range's ends) it leaves to that general parser, so what is
/// accepted and refused, and every message, stays as it was (<c>IsoInstantTests</c> compares the two).
/// </summary>
internal static class IsoInstant
{
    /// <summary>True with the value when <paramref name="text"/> has the common shape and is a valid instant.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        // 19 characters of date and time, then at least the 'Z'
        if (text.Length < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !Digits(text, 0, 4, out var year) || !Digits(text, 5, 2, out var month) || !Digits(text, 8, 2, out var day)
            || !Digits(text, 11, 2, out var hour) || !Digits(text, 14, 2, out var minute) || !Digits(text, 17, 2, out var second))
        {
            return false;
        }
        var at = 19;
        long fraction = 0;
        if (text[at] == '.')
        {
            var start = ++at;
            while (at < text.Length && (uint)(text[at] - '0') <= 9)
            {
                fraction = fraction * 10 + (text[at] - '0');
                at++;
            }
            var digits = at - start;
            if (digits is < 1 or > 7)
            {
                return false;
            }
            for (var d = digits; d < 7; d++)
            {
                fraction *= 10;
            }
        }
        TimeSpan offset;
        if (at == text.Length - 1 && text[at] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (at == text.Length - 6 && text[at] is (byte)'+' or (byte)'-' && text[at + 3] == ':'
                 && Digits(text, at + 1, 2, out var offsetHours) && Digits(text, at + 4, 2, out var offsetMinutes)
                 && offsetMinutes <= 59 && offsetHours * 60 + offsetMinutes <= 14 * 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (text[at] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }
        // years 1 and 9999 are left to the general parser: an offset there can take the UTC instant out of range
        if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(fraction), offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9)
            {
                return false;
            }
            value = value * 10 + (int)digit;
        }
        return true;
    }
}
