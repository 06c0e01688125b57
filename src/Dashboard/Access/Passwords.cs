using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Kinerja.Dashboard.Access;

/// <summary>Password hashing with ASP.NET Core's <see cref="PasswordHasher{TUser}"/> (PBKDF2, per-hash salt) and random passwords.</summary>
public static class Passwords
{
    public const int MinLength = 10;
    private static readonly PasswordHasher<UserRecord> Hasher = new();
    private static readonly string DummyHash = Hasher.HashPassword(null!, "kinerja-timing-equaliser");
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(string hash, string password) =>
        Hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;

    /// <summary>Spends the same time as a real check, so unknown user names cannot be told apart by timing.</summary>
    public static void VerifyNothing(string password) => Hasher.VerifyHashedPassword(null!, DummyHash, password);

    /// <summary>A random password of unambiguous letters and digits (about 5.8 bits each).</summary>
    public static string Generate(int length = 20) =>
        string.Create(length, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>Why a chosen password is refused, or null when acceptable.</summary>
    public static string? Weakness(string? password) =>
        password is null || password.Length < MinLength ? $"A password needs at least {MinLength} characters."
        : password.Length > 200 ? "A password may have at most 200 characters."
        : null;
}
