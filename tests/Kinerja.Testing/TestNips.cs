using System.Globalization;

namespace Kinerja.Testing;

/// <summary>Valid, fictional NIPs for tests (DOMAIN.md: YYYYMMDD + YYYYMM + gender + 3-digit sequence).</summary>
public static class TestNips
{
    /// <summary>A valid NIP, distinct for each <paramref name="n"/> in 0..999,999.</summary>
    public static string Make(int n, char gender = '1')
    {
        var birth = new DateOnly(1970, 1, 1).AddDays(n / 1000 % 9000);
        var start = new DateOnly(birth.Year + 22, 1 + n % 12, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{birth:yyyyMMdd}{start:yyyyMM}{gender}{n % 1000:D3}");
    }
}
