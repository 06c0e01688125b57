using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// Who a survey request comes from, without keeping who it is: HMAC-SHA256 of the client address (and, for the
/// device, its User-Agent) under a key derived from <see cref="SurveyOptions.HashSecret"/> and the UTC day, so
/// yesterday's hashes cannot be linked to today's. The raw address is never stored; the hashes only key the in-memory
/// counters of <see cref="SurveyLimiter"/>.
/// </summary>
public sealed class SurveyClientKeys(IOptions<SurveyOptions> options, TimeProvider time)
{
    private readonly byte[] _secret = string.IsNullOrEmpty(options.Value.HashSecret)
        ? RandomNumberGenerator.GetBytes(32)
        : Encoding.UTF8.GetBytes(options.Value.HashSecret);

    private (DateOnly Day, byte[] Key) _dayKey;

    /// <summary>The keyed hash of the request's address.</summary>
    public string Address(HttpContext http) => Hash("a|" + AddressOf(http));

    /// <summary>The keyed hash of the request's address and User-Agent: the "device".</summary>
    public string Device(HttpContext http) => Hash("d|" + AddressOf(http) + "|" + http.Request.Headers.UserAgent);

    private static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private string Hash(string value) =>
        Convert.ToBase64String(HMACSHA256.HashData(KeyOfToday(), Encoding.UTF8.GetBytes(value)));

    private byte[] KeyOfToday()
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var current = _dayKey;
        if (current.Key is not null && current.Day == today)
        {
            return current.Key;
        }
        var key = HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        _dayKey = (today, key);
        return key;
    }
}
