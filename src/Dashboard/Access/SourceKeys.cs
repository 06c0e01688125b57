using System.Security.Cryptography;
using System.Text;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Ingest source API keys: <c>kin_</c> + 43 base64url characters (256 random bits). Only the hex SHA-256 of the
/// whole key is stored (a slow hash adds nothing for a key this random); the first 12 characters name the key.
/// </summary>
public static class SourceKeys
{
    public const string Marker = "kin_";
    public const int PrefixLength = 12;

    public static string Generate()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Marker + Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length <= PrefixLength ? key : key[..PrefixLength];

    /// <summary>Cheap shape check before any lookup (refuses junk and oversized headers).</summary>
    public static bool LooksLikeKey(string? key) =>
        key is { Length: > 20 and < 100 } && key.StartsWith(Marker, StringComparison.Ordinal)
        && key.AsSpan(Marker.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
