namespace Kinerja.Core.Domain;

/// <summary>Employment status of an ASN (DOMAIN.md "Who and where").</summary>
public static class EmployeeStatus
{
    public const string Pns = "PNS";
    public const string Pppk = "PPPK";
    public const string Cpns = "CPNS";
    public static readonly IReadOnlyList<string> All = [Pns, Pppk, Cpns];
}

/// <summary>Attendance statuses of the ingest contract; <c>tanpa_keterangan</c> is TKS.</summary>
public static class AttendanceStatus
{
    public const string Hadir = "hadir";
    public const string Terlambat = "terlambat";
    public const string Izin = "izin";
    public const string Sakit = "sakit";
    public const string Cuti = "cuti";
    public const string DinasLuar = "dinas_luar";
    public const string TanpaKeterangan = "tanpa_keterangan";
    public static readonly IReadOnlyList<string> All = [Hadir, Terlambat, Izin, Sakit, Cuti, DinasLuar, TanpaKeterangan];
}

/// <summary>Who gave a rating (360-degree input, DOMAIN.md "Ratings").</summary>
public static class RaterRole
{
    public const string Atasan = "atasan";
    public const string Rekan = "rekan";
    public const string Bawahan = "bawahan";
    public const string Masyarakat = "masyarakat";
    public const string Diri = "diri";
    public static readonly IReadOnlyList<string> All = [Atasan, Rekan, Bawahan, Masyarakat, Diri];
}

/// <summary>Rated aspects: results, the seven BerAKHLAK values, and citizen satisfaction.</summary>
public static class Aspect
{
    public const string HasilKerja = "hasil_kerja";
    public const string BerorientasiPelayanan = "berorientasi_pelayanan";
    public const string Akuntabel = "akuntabel";
    public const string Kompeten = "kompeten";
    public const string Harmonis = "harmonis";
    public const string Loyal = "loyal";
    public const string Adaptif = "adaptif";
    public const string Kolaboratif = "kolaboratif";
    public const string KepuasanLayanan = "kepuasan_layanan";

    public static readonly IReadOnlyList<string> BerAkhlak =
        [BerorientasiPelayanan, Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, Kolaboratif];

    public static readonly IReadOnlyList<string> All = [HasilKerja, .. BerAkhlak, KepuasanLayanan];
}

/// <summary>The three rating levels (PermenPAN-RB 6/2022).</summary>
public static class RatingLevel
{
    public const string DiAtas = "DI_ATAS_EKSPEKTASI";
    public const string Sesuai = "SESUAI_EKSPEKTASI";
    public const string DiBawah = "DI_BAWAH_EKSPEKTASI";
    public static readonly IReadOnlyList<string> All = [DiAtas, Sesuai, DiBawah];
}

/// <summary>The five predicates, best to worst.</summary>
public static class Predikat
{
    public const string SangatBaik = "SANGAT_BAIK";
    public const string Baik = "BAIK";
    public const string ButuhPerbaikan = "BUTUH_PERBAIKAN";
    public const string KurangMisconduct = "KURANG_MISCONDUCT";
    public const string SangatKurang = "SANGAT_KURANG";
    public static readonly IReadOnlyList<string> All = [SangatBaik, Baik, ButuhPerbaikan, KurangMisconduct, SangatKurang];

    /// <summary>Indonesian label for screens.</summary>
    public static string Label(string? code) => code switch
    {
        SangatBaik => "Sangat Baik",
        Baik => "Baik",
        ButuhPerbaikan => "Butuh Perbaikan",
        KurangMisconduct => "Kurang/Misconduct",
        SangatKurang => "Sangat Kurang",
        _ => "—",
    };
}

/// <summary>Kinds of trigger the rules produce.</summary>
public static class TriggerKind
{
    public const string Reward = "REWARD";
    public const string Coaching = "COACHING";
    public const string Sanction = "SANCTION";
    public const string Calibration = "CALIBRATION";
    public const string Reminder = "REMINDER";
    public static readonly IReadOnlyList<string> All = [Reward, Coaching, Sanction, Calibration, Reminder];
}
