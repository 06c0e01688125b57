namespace Kinerja.Dashboard.Board;

/// <summary>
/// What each of a region's groups was last sent as <c>Indicators</c>: group name → (data version, as of, send number
/// from the region's <see cref="PushSequence"/>; 0 = given to the group's first screen at subscribe). Decides which
/// groups a flush sends to and whether a joining screen still needs the payload. Not thread-safe: used under the
/// region board's gate.
/// </summary>
public sealed class IndicatorsSendLedger(PushSequence sends)
{
    private readonly Dictionary<string, (long Version, DateTimeOffset AsOf, long Sent)> _sent = new(StringComparer.Ordinal);

    /// <summary>
    /// The groups that have not seen <paramref name="version"/> (all of them on the <paramref name="refresh"/> tick; on the
    /// <paramref name="settle"/> flush also those whose "as of" is older), recorded as sent now.
    /// </summary>
    public BoardGroup[] TakeDue(IReadOnlyList<BoardGroup> groups, long version, DateTimeOffset asOf, bool refresh, bool settle)
    {
        var due = groups.Where(g => refresh || !_sent.TryGetValue(g.Name, out var seen) || seen.Version != version
            || (settle && seen.AsOf < asOf)).ToArray();
        foreach (var g in due)
        {
            _sent[g.Name] = (version, asOf, sends.Next());
        }
        return due;
    }

    /// <summary>
    /// The payload a screen that joined the group at <paramref name="joinedAt"/> (its <see cref="RegionBoard.JoinMark"/>)
    /// must be given now: null when a group send made after the join carries it. The group's first screen gets it now, and
    /// the next flush need not repeat it.
    /// </summary>
    public IndicatorsPayload? ForScreen(BoardGroup group, IndicatorsPayload payload, long joinedAt)
    {
        if (!_sent.TryGetValue(group.Name, out var seen))
        {
            _sent[group.Name] = (payload.Version, payload.AsOf, 0);
        }
        var carried = seen.Sent > joinedAt && seen.Version == payload.Version && seen.AsOf == payload.AsOf;
        return carried ? null : payload;
    }
}
