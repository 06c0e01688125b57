using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// Pseudonyms of raters in the application (issue 16). A rating given through <c>POST /api/v1/me/ratings</c> carries
/// <c>rater_ref = "p1:" + HMAC-SHA256(key, NIP)</c> (22 base64url characters), not the NIP: someone who reads the
/// <c>rating</c> table (a report, an export, a backup) cannot tell who rated whom without the key, and an unkeyed hash
/// would not do, because NIPs are few enough to try them all. The stored event id is an HMAC of (rater, ratee, aspect,
/// period), so one rater counts once per ratee, aspect and period whatever event ids the client sends: the event
/// registry makes a second rating a duplicate, atomically, in every process. The key (migration 0016,
/// <c>rating_rater_key</c>) is read once per process.
/// </summary>
public sealed class RaterPseudonyms(NpgsqlDataSource db)
{
    /// <summary>The prefix of application raters' refs (a source system's own refs never start with it by accident).</summary>
    public const string Prefix = "p1:";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    /// <summary>The stable pseudonymous <c>raterRef</c> of <paramref name="nip"/>.</summary>
    public async Task<string> RefOfAsync(string nip, CancellationToken ct = default) =>
        Prefix + Base64Url(Mac(await KeyAsync(ct), "rater\n" + nip))[..22];

    /// <summary>The event id a rating of <paramref name="aspect"/> of <paramref name="rateeNip"/> in <paramref name="period"/> by
    /// <paramref name="raterNip"/> is stored under (a UUID of version 8).</summary>
    public async Task<Guid> RatingIdAsync(string raterNip, string rateeNip, string aspect, string period, CancellationToken ct = default)
    {
        var mac = Mac(await KeyAsync(ct), $"rating\n{raterNip}\n{rateeNip}\n{aspect}\n{period}");
        var bytes = mac.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }

    private static byte[] Mac(byte[] key, string text) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _key) is { } key)
        {
            return key;
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_key is null)
            {
                await using var conn = await db.OpenConnectionAsync(ct);
                _key = await conn.QuerySingleAsync<byte[]>(new CommandDefinition(
                    "select key from rating_rater_key where id = 1", cancellationToken: ct));
            }
            return _key;
        }
        finally
        {
            _gate.Release();
        }
    }
}
