namespace Kinerja.Core.Skp;

/// <summary>The states of an SKP plan version (PermenPAN-RB 6/2022): draft → diajukan → disetujui / dikembalikan.</summary>
public static class SkpStatus
{
    public const string Draft = "draft";
    public const string Diajukan = "diajukan";
    public const string Disetujui = "disetujui";
    public const string Dikembalikan = "dikembalikan";

    /// <summary>States in which the employee may save the version in place (a save of an approved plan starts a new version).</summary>
    public static bool IsEditable(string status) => status is Draft or Dikembalikan;
}

/// <summary>The two kinds of RHK (Rencana Hasil Kerja).</summary>
public static class RhkKind
{
    public const string Utama = "utama";
    public const string Tambahan = "tambahan";
    public static readonly IReadOnlyList<string> All = [Utama, Tambahan];
}

/// <summary>The aspects of an indicator. Kuantitas and waktu are measured (numeric target); kualitas may be either.</summary>
public static class IndicatorAspect
{
    public const string Kuantitas = "kuantitas";
    public const string Kualitas = "kualitas";
    public const string Waktu = "waktu";
    public static readonly IReadOnlyList<string> All = [Kuantitas, Kualitas, Waktu];

    /// <summary>True when the aspect needs a numeric target <c>{ value, unit }</c>.</summary>
    public static bool NeedsNumber(string aspect) => aspect is Kuantitas or Waktu;
}

/// <summary>Bounds of one plan (a person's plan has a handful of RHKs; these stop abuse, not real use).</summary>
public static class SkpLimits
{
    public const int MaxRhk = 30;
    public const int MaxIndicatorsPerRhk = 10;
    public const int MaxText = 1000;
    public const int MaxCode = 32;
    public const int MaxUnit = 50;
    public const int MaxNote = 2000;

    /// <summary>Plans may be written for this many years before the current one (late entries, imports).</summary>
    public const int YearsBack = 5;

    /// <summary>Plans may be written this many years ahead (planning the next year).</summary>
    public const int YearsAhead = 1;
}

/// <summary>One problem of a request, with the JSON path of the field it concerns (e.g. <c>rhk[2].indicators[0].target</c>).</summary>
public sealed record SkpFieldError(string Field, string Message);

/// <summary>The superior's assessment of an RHK in a period (PermenPAN-RB 6/2022): di atas, sesuai or di bawah ekspektasi.</summary>
public static class SkpLevel
{
    public const string DiAtas = "di_atas";
    public const string Sesuai = "sesuai";
    public const string DiBawah = "di_bawah";
    public static readonly IReadOnlyList<string> All = [DiAtas, Sesuai, DiBawah];
}
