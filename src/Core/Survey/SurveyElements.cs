namespace Kinerja.Core.Survey;

/// <summary>
/// The nine elements (unsur) of the citizen satisfaction survey, PermenPAN-RB 14/2017 (DOMAIN.md "Citizen
/// satisfaction survey"), each answered on a 1–4 scale (1 tidak baik … 4 sangat baik), and the closed value lists of
/// the optional respondent profile. Codes <c>u1</c>..<c>u9</c> are the contract names.
/// </summary>
public static class SurveyElements
{
    /// <summary>Number of elements.</summary>
    public const int Count = 9;

    /// <summary>Lowest answer (tidak baik).</summary>
    public const int MinAnswer = 1;

    /// <summary>Highest answer (sangat baik).</summary>
    public const int MaxAnswer = 4;

    /// <summary>The element codes in order: <c>u1</c> … <c>u9</c>.</summary>
    public static readonly IReadOnlyList<string> Codes = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];

    /// <summary>The official names of the elements, in order (DOMAIN.md, PermenPAN-RB 14/2017).</summary>
    public static readonly IReadOnlyList<string> OfficialNames =
    [
        "Persyaratan",
        "Sistem, mekanisme, dan prosedur",
        "Waktu penyelesaian",
        "Biaya/tarif",
        "Produk spesifikasi jenis pelayanan",
        "Kompetensi pelaksana",
        "Perilaku pelaksana",
        "Penanganan pengaduan, saran dan masukan",
        "Sarana dan prasarana",
    ];

    /// <summary>The answer labels 1..4 as the survey shows them.</summary>
    public static readonly IReadOnlyList<string> AnswerLabels = ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"];

    /// <summary>Age bands of the profile (<c>ageBand</c>).</summary>
    public static readonly IReadOnlyList<string> AgeBands = ["<20", "20-29", "30-39", "40-49", "50-59", "60+"];

    /// <summary>Sex of the profile (<c>sex</c>): laki-laki, perempuan.</summary>
    public static readonly IReadOnlyList<string> Sexes = ["L", "P"];

    /// <summary>Highest education of the profile (<c>education</c>).</summary>
    public static readonly IReadOnlyList<string> Educations = ["SD", "SMP", "SMA", "D1-D3", "D4-S1", "S2", "S3"];

    /// <summary>Occupation of the profile (<c>occupation</c>).</summary>
    public static readonly IReadOnlyList<string> Occupations =
        ["PNS", "TNI", "POLRI", "SWASTA", "WIRAUSAHA", "PELAJAR", "LAINNYA"];
}
