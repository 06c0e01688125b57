using System.Security.Cryptography;
using System.Text;

namespace Kinerja.Dashboard.Notifications;

/// <summary>
/// The webhook signature: <c>X-Kinerja-Signature: sha256=&lt;hex HMAC-SHA256(secret, "{timestamp}.{body}")&gt;</c> with
/// <c>X-Kinerja-Timestamp</c> the Unix seconds of the attempt. A receiver recomputes it over the raw body and compares in
/// constant time (README "Notifications").
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Kinerja-Signature";
    public const string TimestampHeader = "X-Kinerja-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string Prefix = "sha256=";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="timestamp"/> and <paramref name="body"/>.</summary>
    public static bool Verify(string secret, string timestamp, string body, string? signature)
    {
        if (signature is null || !long.TryParse(timestamp, out var ts))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, ts, body)), Encoding.ASCII.GetBytes(signature));
    }
}
