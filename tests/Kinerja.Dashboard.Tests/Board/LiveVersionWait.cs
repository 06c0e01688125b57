using Kinerja.Core.Indicators.Live;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>Waiting for a region's live data version in the board tests.</summary>
internal static class LiveVersionWait
{
    /// <summary>
    /// The region's live version once it has passed <paramref name="before"/> and stayed put for a second (the rules'
    /// levels may follow an ingest).
    /// </summary>
    public static async Task<long> QuietVersionAsync(LiveIndicators live, string region, long before)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var seen = before;
        var since = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            var now = live.RegionVersion(region)!.Value.Version;
            if (now == before)
            {
                continue;
            }
            if (now != seen)
            {
                (seen, since) = (now, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - since > TimeSpan.FromSeconds(1))
            {
                return seen;
            }
        }
        throw new TimeoutException("the region's version did not settle");
    }
}
