using System.Security.Cryptography;
using System.Text;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// Event ids derived from what the event is (name-based, like a UUIDv5), so re-running the demo backfill
/// yields duplicates, never a second copy.
/// </summary>
internal static class DemoIds
{
    public static Guid For(string key)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes("kinerja-demo:" + key), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
    public static uint Stable(string key)
    {
        var h = 2166136261u;
        foreach (var c in key)
        {
            h = (h ^ c) * 16777619u;
        }
        return h;
    }
}
