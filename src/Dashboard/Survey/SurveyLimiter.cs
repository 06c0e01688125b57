using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Survey;

/// <summary>
/// The survey's abuse limits, counted in this process's memory: <see cref="SurveyOptions.PerAddressPerMinute"/> per
/// address hash and UTC minute, <see cref="SurveyOptions.PerDevicePerDay"/> per device hash, unit and service and
/// UTC day. A counter table is dropped whole when its minute or day is over. With several dashboard instances each
/// counts its own requests (a load balancer with client affinity keeps a client on one).
/// </summary>
public sealed class SurveyLimiter(IOptions<SurveyOptions> options, TimeProvider time)
{
    private Window _minute = new(-1);
    private Window _day = new(-1);

    /// <summary>Counts one request of the address; false when the address is over its limit this minute.</summary>
    public bool TryAddress(string addressHash, out TimeSpan retryAfter)
    {
        var limit = options.Value.PerAddressPerMinute;
        var now = time.GetUtcNow();
        retryAfter = TimeSpan.FromSeconds(60 - now.Second);
        return limit <= 0 || Take(ref _minute, now.ToUnixTimeSeconds() / 60, addressHash, limit);
    }

    /// <summary>Counts one survey of the device for the unit and service; false when it already answered today.</summary>
    public bool TryDevice(string deviceHash, string unitId, string? serviceId, out TimeSpan retryAfter)
    {
        var limit = options.Value.PerDevicePerDay;
        var now = time.GetUtcNow();
        retryAfter = now.UtcDateTime.Date.AddDays(1) - now.UtcDateTime;
        return limit <= 0 || Take(ref _day, now.ToUnixTimeSeconds() / 86400, deviceHash + "|" + unitId + "|" + serviceId, limit);
    }

    private static bool Take(ref Window window, long slot, string key, int limit)
    {
        var w = Volatile.Read(ref window);
        if (w.Slot != slot)
        {
            var fresh = new Window(slot);
            w = Interlocked.CompareExchange(ref window, fresh, w) == w ? fresh : Volatile.Read(ref window);
        }
        var count = w.Counts.AddOrUpdate(key, 1, (_, c) => c + 1);
        return count <= limit;
    }

    private sealed class Window(long slot)
    {
        public long Slot { get; } = slot;

        public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);
    }
}
