using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// What each of a region's groups has been sent as <c>Chart</c> messages: group name → chart id → (version, send number
/// from the region's <see cref="PushSequence"/>; 0 = given to a screen at subscribe). Decides what a pass sends and what a
/// joining screen must be given now. Thread-safe.
/// </summary>
public sealed class ChartSendLedger(PushSequence sends)
{
    private readonly Dictionary<string, Dictionary<string, (long Version, long Sent)>> _sent = new(StringComparer.Ordinal);

    /// <summary>
    /// The charts of <paramref name="current"/> a screen that joined the group at <paramref name="joinedAt"/> (its
    /// <see cref="RegionBoard.JoinMark"/>) must be given now: those a group send made after the join carries are left
    /// out. When the screen is the group's only one (<paramref name="alone"/>), what it is given counts as sent to the
    /// group, so the next pass does not repeat it (a kiosk rotating through units would otherwise receive every chart twice).
    /// </summary>
    public IReadOnlyList<RenderedChart> ForScreen(BoardGroup group, IReadOnlyList<RenderedChart> current, long joinedAt, bool alone)
    {
        lock (_sent)
        {
            var sent = Of(group);
            var give = new List<RenderedChart>(current.Count);
            foreach (var chart in current)
            {
                var known = sent.TryGetValue(chart.Spec.ChartId, out var seen) && seen.Version == chart.Version;
                if (known && seen.Sent > joinedAt)
                {
                    continue;
                }
                give.Add(chart);
                if (alone && !known)
                {
                    sent[chart.Spec.ChartId] = (chart.Version, 0);
                }
            }
            return give;
        }
    }

    /// <summary>Records that the group's screens get this version now; false when they already have it.</summary>
    public bool MarkSent(BoardGroup group, RenderedChart chart)
    {
        lock (_sent)
        {
            var sent = Of(group);
            if (sent.TryGetValue(chart.Spec.ChartId, out var seen) && seen.Version == chart.Version)
            {
                return false;
            }
            sent[chart.Spec.ChartId] = (chart.Version, sends.Next());
            return true;
        }
    }

    private Dictionary<string, (long Version, long Sent)> Of(BoardGroup group)
    {
        if (!_sent.TryGetValue(group.Name, out var sent))
        {
            _sent[group.Name] = sent = new(StringComparer.Ordinal);
        }
        return sent;
    }
}
