using System.Text.RegularExpressions;

namespace Kinerja.Rules.Model;

/// <summary>
/// A validation issue as HR reads it in the console: the class of problem, an Indonesian sentence, where it is (the
/// workflow, the rule = the table row, or the parameter field) and the technical message for the details element.
/// </summary>
/// <param name="Kind"><c>unknown-field</c>, <c>unknown-name</c>, <c>type-mismatch</c>, <c>syntax</c>, <c>forbidden</c>, <c>limit</c> or <c>other</c>.</param>
/// <param name="Parameter">The <c>GlobalParams</c> name when the issue is in a parameter field.</param>
public sealed record IssueMessage(string Kind, string Text, string? Workflow, string? Rule, string? Parameter, string Technical);

/// <summary>Maps the known error classes of the compiler and the safety checks to Indonesian text (issue 20).</summary>
public static partial class IssueMessages
{
    /// <summary>The Indonesian message of <paramref name="issue"/>; the technical reason is kept as is.</summary>
    public static IssueMessage Describe(RuleIssue issue)
    {
        var reason = issue.Reason;
        string? parameter = null;
        if (GlobalParam().Match(reason) is { Success: true } gp)
        {
            parameter = gp.Groups[1].Value;
            reason = reason[gp.Length..];
        }
        var (kind, text) = Classify(reason);
        var where = parameter is not null ? $"Parameter \"{parameter}\": " : issue.Rule is not null ? $"Aturan \"{issue.Rule}\": " : "";
        return new IssueMessage(kind, where + text, issue.Workflow, issue.Rule, parameter, issue.Reason);
    }

    private static (string Kind, string Text) Classify(string reason)
    {
        if (UnknownField().Match(reason) is { Success: true } uf)
        {
            return ("unknown-field", $"kolom data {uf.Groups["names"].Value.Trim()} tidak dikenal. Periksa ejaan nama kolom "
                + "(contoh: snapshot.TksDaysYtd) di daftar kolom snapshot.");
        }
        if (NoProperty().Match(reason) is { Success: true } np)
        {
            return ("unknown-field", $"kolom data '{np.Groups[1].Value}' tidak ada pada {np.Groups[2].Value}. Periksa ejaan nama kolom.");
        }
        if (UnknownIdentifier().Match(reason) is { Success: true } ui)
        {
            return ("unknown-name", $"nama '{ui.Groups[1].Value}' tidak dikenal: bukan parameter aturan ini dan bukan kolom data "
                + "(kolom data ditulis dengan awalan snapshot. atau unit.).");
        }
        if (Incompatible().Match(reason) is { Success: true } ic)
        {
            return ("type-mismatch", $"jenis nilai tidak cocok: operator {ic.Groups[1].Value} membandingkan {TypeName(ic.Groups[2].Value)} "
                + $"dengan {TypeName(ic.Groups[3].Value)}. Bandingkan angka dengan angka dan teks (dalam tanda kutip) dengan teks.");
        }
        if (NotAValue().Match(reason) is { Success: true } nv)
        {
            return ("type-mismatch", $"jenis nilai tidak cocok: {nv.Groups[1].Value.Trim()} bukan {TypeName(nv.Groups[2].Value)}. "
                + "Bandingkan angka dengan angka dan teks (dalam tanda kutip) dengan teks.");
        }
        if (BinaryNotDefined().Match(reason) is { Success: true } bn)
        {
            return ("type-mismatch", $"jenis nilai tidak cocok: perbandingan {bn.Groups[1].Value} antara {TypeName(bn.Groups[2].Value)} "
                + $"dan {TypeName(bn.Groups[3].Value)}. Bandingkan angka dengan angka dan teks (dalam tanda kutip) dengan teks.");
        }
        if (ExpectedType().Match(reason) is { Success: true } et)
        {
            return ("type-mismatch", $"jenis nilai tidak cocok: di sini diperlukan {TypeName(et.Groups[1].Value)}. "
                + "Syarat sebuah aturan harus bernilai benar/salah.");
        }
        if (reason.Contains("is not allowed", StringComparison.Ordinal) || reason.Contains("reads the machine's clock", StringComparison.Ordinal))
        {
            return ("forbidden", "ekspresi memakai bagian yang tidak diizinkan dalam aturan (demi keamanan server). Aturan hanya boleh "
                + "membaca kolom data, parameter, angka, teks, dan operator perbandingan atau hitung.");
        }
        if (reason.Contains("Kinerja:Rules:Limits:", StringComparison.Ordinal))
        {
            return ("limit", "ekspresi terlalu panjang atau terlalu bersarang untuk batas keamanan aturan. Sederhanakan atau pecah menjadi "
                + "beberapa aturan.");
        }
        if (Syntax().IsMatch(reason))
        {
            return ("syntax", "penulisan ekspresi tidak dapat dibaca: periksa tanda kurung, tanda kutip, dan operator "
                + "(&&, ||, ==, !=, >, >=, <, <=).");
        }
        return ("other", "aturan tidak valid. Lihat rincian teknis.");
    }

    private static string TypeName(string type) => type.Replace("System.", "", StringComparison.Ordinal).TrimEnd('?') switch
    {
        "Int32" or "Int64" or "Double" or "Decimal" or "Single" => "angka",
        "String" => "teks",
        "Boolean" => "benar/salah",
        "DateOnly" or "DateTime" or "DateTimeOffset" => "tanggal",
        var other => other,
    };

    [GeneratedRegex("^GlobalParams '([^']+)': ")]
    private static partial Regex GlobalParam();

    [GeneratedRegex("reads unknown fields? (?<names>('[^']+'(, )?)+)")]
    private static partial Regex UnknownField();

    [GeneratedRegex("No property or field '([^']+)' exists in type '([^']+)'")]
    private static partial Regex NoProperty();

    [GeneratedRegex("Unknown identifier '([^']+)'")]
    private static partial Regex UnknownIdentifier();

    [GeneratedRegex("Operator '([^']+)' incompatible with operand types '([^']+)' and '([^']+)'")]
    private static partial Regex Incompatible();

    [GeneratedRegex("(?:: |^)([^:`]+) is not a valid value for (\\w+)")]
    private static partial Regex NotAValue();

    [GeneratedRegex("binary operator (\\w+) is not defined for the types '([^']+)' and '([^']+)'")]
    private static partial Regex BinaryNotDefined();

    [GeneratedRegex("Expression of type '([^']+)' expected")]
    private static partial Regex ExpectedType();

    [GeneratedRegex("Syntax error|expected|Unterminated|Invalid character|Invalid real literal|Invalid integer literal", RegexOptions.IgnoreCase)]
    private static partial Regex Syntax();
}
