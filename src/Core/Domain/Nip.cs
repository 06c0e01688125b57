using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Kinerja.Core.Domain;

/// <summary>
/// Nomor Induk Pegawai: 18 digits = birth date <c>YYYYMMDD</c> + civil-service start <c>YYYYMM</c>
/// + gender digit (1 male, 2 female) + 3-digit sequence (DOMAIN.md, "Who and where").
/// </summary>
public readonly record struct Nip
{
    public const int Length = 18;

    /// <summary>
    /// The NIP shape as a regular expression, for documents and other validators (OpenAPI): 18 digits, a birth date
    /// from 1900 on with a real month and a day 01-31, a service-start month 01-12 and gender digit 1 or 2.
    /// <see cref="Validate"/> checks more (real calendar dates, service start after birth).
    /// </summary>
    public const string Pattern = "^(19|[2-9][0-9])[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{4}(0[1-9]|1[0-2])[12][0-9]{3}$";

    private Nip(string value) => Value = value;

    public string Value { get; }

    public DateOnly BirthDate => DateOnly.ParseExact(Value[..8], "yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>First day of the month the employee entered civil service.</summary>
    public DateOnly ServiceStart => DateOnly.ParseExact(Value[8..14] + "01", "yyyyMMdd", CultureInfo.InvariantCulture);

    public char GenderDigit => Value[14];

    public string Sequence => Value[15..];

    public override string ToString() => Value;

    public static Nip Parse(string? text) =>
        TryParse(text, out var nip, out var error) ? nip : throw new FormatException(error);

    public static bool TryParse(string? text, out Nip nip) => TryParse(text, out nip, out _);

    /// <summary>Parses a NIP; on failure <paramref name="error"/> says exactly which part is wrong.</summary>
    public static bool TryParse(string? text, out Nip nip, [NotNullWhen(false)] out string? error)
    {
        nip = default;
        error = Validate(text);
        if (error is not null)
        {
            return false;
        }
        nip = new Nip(text!);
        return true;
    }

    /// <summary>
    /// Returns null when valid, else a specific English message. Allocates only for a message: every ingested event
    /// with a NIP comes through here (the dates are checked on the digits, as <c>yyyyMMdd</c> reads them).
    /// </summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "NIP is required.";
        }
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return "NIP must contain digits only (no spaces or separators).";
            }
        }
        if (text.Length != Length)
        {
            return $"NIP must be exactly 18 digits; got {text.Length}.";
        }
        var (birthYear, birthMonth, birthDay) = (Number(text, 0, 4), Number(text, 4, 2), Number(text, 6, 2));
        if (birthYear < 1900 || birthMonth is < 1 or > 12 || birthDay < 1 || birthDay > DateTime.DaysInMonth(birthYear, birthMonth))
        {
            return $"NIP digits 1-8 must be a valid birth date YYYYMMDD; '{text[..8]}' is not.";
        }
        var (startYear, startMonth) = (Number(text, 8, 4), Number(text, 12, 2));
        if (startYear < 1 || startMonth is < 1 or > 12)
        {
            return $"NIP digits 9-14 must be a valid civil-service start YYYYMM; '{text[8..14]}' is not.";
        }
        // the service starts in a month after the month of birth
        if (startYear * 12 + startMonth <= birthYear * 12 + birthMonth)
        {
            return $"NIP civil-service start {text[8..14]} must come after the birth date {text[..8]}.";
        }
        if (text[14] is not ('1' or '2'))
        {
            return $"NIP digit 15 is the gender digit and must be 1 (male) or 2 (female); got '{text[14]}'.";
        }
        return null;
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits from <paramref name="start"/>.</summary>
    private static int Number(string digits, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = value * 10 + (digits[i] - '0');
        }
        return value;
    }
}
