namespace Kinerja.Dashboard.Board;

/// <summary>Indonesian labels for screens.</summary>
public static class TriggerLabels
{
    public static string Kind(string kind) => kind switch
    {
        "REWARD" => "Penghargaan",
        "COACHING" => "Pembinaan",
        "SANCTION" => "Sanksi",
        "CALIBRATION" => "Kalibrasi",
        "REMINDER" => "Pengingat",
        _ => kind,
    };

    /// <summary>WIB, WITA or WIT for the Indonesian zones; the zone id otherwise.</summary>
    public static string Zone(string timeZone) => timeZone switch
    {
        "Asia/Jakarta" or "Asia/Pontianak" => "WIB",
        "Asia/Makassar" => "WITA",
        "Asia/Jayapura" => "WIT",
        _ => timeZone,
    };

    public static string Predikat(string? code) => code switch
    {
        "SANGAT_BAIK" => "Sangat Baik",
        "BAIK" => "Baik",
        "BUTUH_PERBAIKAN" => "Butuh Perbaikan",
        "KURANG_MISCONDUCT" => "Kurang/Misconduct",
        "SANGAT_KURANG" => "Sangat Kurang",
        "ISTIMEWA" => "Istimewa",
        "KURANG" => "Kurang",
        null => "—",
        _ => code,
    };
}
