using System.Security.Cryptography;
using System.Text;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// One-time activation codes of provisioned pegawai accounts: 15 characters of an unambiguous upper-case alphabet
/// (75 random bits) shown as <c>XXXXX-XXXXX-XXXXX</c>. Input is read case-insensitively, with dashes and spaces ignored.
/// Only the hex SHA-256 of the normalised code is stored (a slow hash adds nothing for a code this random).
/// </summary>
public static class ActivationCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Length = 15;

    public static string Generate() =>
        string.Create(Length + 2, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i is 5 or 11 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>The code as typed, upper-cased, without dashes and white space; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }
        var kept = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c == '-' || char.IsWhiteSpace(c))
            {
                continue;
            }
            kept.Append(char.ToUpperInvariant(c));
        }
        var code = kept.ToString();
        return code.Length == Length && code.All(c => Alphabet.Contains(c)) ? code : null;
    }

    public static string Hash(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));

    /// <summary>True when <paramref name="typed"/> is the code whose hash is <paramref name="storedHash"/> (constant time).</summary>
    public static bool Matches(string storedHash, string? typed) =>
        Normalize(typed) is { } code
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(code)), Encoding.ASCII.GetBytes(storedHash));
}
