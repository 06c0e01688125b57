using System.Globalization;

namespace Kinerja.Dashboard.Reports;

/// <summary>How the documents write NIPs, numbers, periods and stamps (id-ID).</summary>
public static class ReportText
{
    private static readonly CultureInfo Id = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>NIP grouped as printed on Indonesian civil-service documents: birth date, appointment month, sex, serial.</summary>
    public static string Nip(string nip) => nip.Length == 18 ? $"{nip[..8]} {nip[8..14]} {nip[14]} {nip[15..]}" : nip;

    public static string Number(double? value, int decimals = 2) =>
        value is { } v ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Id) : "-";

    public static string Count(long value) => value.ToString("N0", Id);

    public static string Rupiah(decimal? value) => value is { } v ? "Rp" + v.ToString("N0", Id) : "-";

    public static string Period(string key)
    {
        if (key.Length == 4)
        {
            return "Tahun " + key;
        }
        var month = DateTime.ParseExact(key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return month.ToString("MMMM yyyy", Id);
    }

    private static readonly Dictionary<string, string> Levels = new()
    {
        ["SANGAT_BAIK"] = "Sangat Baik", ["BAIK"] = "Baik", ["BUTUH_PERBAIKAN"] = "Butuh Perbaikan",
        ["KURANG_MISCONDUCT"] = "Kurang", ["SANGAT_KURANG"] = "Sangat Kurang",
        ["DI_ATAS_EKSPEKTASI"] = "Di Atas Ekspektasi", ["SESUAI_EKSPEKTASI"] = "Sesuai Ekspektasi",
        ["DI_BAWAH_EKSPEKTASI"] = "Di Bawah Ekspektasi",
    };

    /// <summary>A predicate or rating code as printed (<c>SANGAT_BAIK</c> → "Sangat Baik"); "-" when there is none.</summary>
    public static string Level(string? code) => code is null ? "-" : Levels.GetValueOrDefault(code, code);

    /// <summary>The footer stamp of every page: rule versions and the time the data was read.</summary>
    public static string Stamp(string ruleVersions, DateTimeOffset dataAsOf) =>
        $"Versi aturan: {ruleVersions} · Waktu data: {dataAsOf.ToUniversalTime():yyyy-MM-dd HH:mm} UTC · Kinerja Analytics";
}
