namespace Kinerja.Core.Changes;

/// <summary>
/// The payloads of one change, ready for <see cref="ChangeFeed"/>: typed messages serialized by
/// <see cref="ChangeMessages"/> and split by <see cref="ChangeSplitter"/>, so each is under the NOTIFY limit.
/// Build one with the factory of its message type.
/// </summary>
public sealed record ChangeNotice
{
    private ChangeNotice(string channel, IReadOnlyList<string> payloads) => (Channel, Payloads) = (channel, payloads);

    public string Channel { get; }

    public IReadOnlyList<string> Payloads { get; }

    /// <summary>True when there is nothing to send.</summary>
    public bool IsEmpty => Payloads.Count == 0;

    /// <summary>
    /// Input events committed: each payload names its employees with their units and regions, and the unit-level
    /// touches (no NIP) with theirs; a payload never names a unit or region that none of its touches has.
    /// </summary>
    public static ChangeNotice Events(IEnumerable<EventTouch> touched)
    {
        var byNip = new SortedDictionary<string, EventTouch>(StringComparer.Ordinal);
        var unitOnly = new SortedDictionary<string, EventTouch>(StringComparer.Ordinal);
        foreach (var t in touched)
        {
            if (t.Nip is null)
            {
                unitOnly[t.Unit] = t;
            }
            else
            {
                byNip[t.Nip] = t;
            }
        }
        var items = unitOnly.Values.Concat(byNip.Values).ToArray();
        return Of(items, slice => new EventsChanged
        {
            Nips = slice.Where(t => t.Nip is not null).Select(t => t.Nip!).ToArray(),
            Units = Distinct(slice.Select(t => t.Unit)),
            Regions = Distinct(slice.Select(t => t.Region)),
        });
    }

    /// <summary>Levels the rules stored, with their values.</summary>
    public static ChangeNotice Levels(IReadOnlyList<LevelChange> levels) =>
        Of(levels, slice => new LevelsChanged { Levels = slice.ToArray() });

    /// <summary>Triggers stored for the first time, with the names their feeds show.</summary>
    public static ChangeNotice Triggers(IReadOnlyList<AddedTrigger> triggers) =>
        Of(triggers, slice => new TriggersAdded { Triggers = slice.ToArray() });

    /// <summary>Rule versions made active by a publish or a rollback.</summary>
    public static ChangeNotice Rules(string action, IReadOnlyDictionary<string, int> versions)
    {
        var items = versions.OrderBy(v => v.Key, StringComparer.Ordinal).ToArray();
        return items.Length == 0
            ? new ChangeNotice(ChangeChannels.Rules, [ChangeMessages.Serialize(new RulesPublished { Action = action })])
            : Of(items, slice => new RulesPublished { Action = action, Versions = slice.ToDictionary(v => v.Key, v => v.Value) });
    }

    /// <summary>Users, grants or source keys changed; anyone may be affected.</summary>
    public static ChangeNotice Access(string what) =>
        Of([what], slice => new AccessChanged { What = slice[0] });

    /// <summary>Named users changed (their account, grants or sessions), and nobody else; no users, no payload.</summary>
    public static ChangeNotice Access(string what, IReadOnlyList<long> users) =>
        Of(users.Distinct().Order().ToArray(), slice => new AccessChanged { What = what, Users = slice.ToArray() });

    /// <summary>
    /// An SKP import committed: one hint per employee group (an employee whose SKP changed, named by their own hint; a
    /// direct superior, named by the first of their reports that changed) and one per unit, each in one payload only, so a
    /// split import still tells every screen once. No touches, no payload.
    /// </summary>
    public static ChangeNotice Skp(IEnumerable<SkpTouch> touched)
    {
        var list = touched as IReadOnlyCollection<SkpTouch> ?? touched.ToArray();
        var units = new List<SkpItem>();
        var seenUnits = new HashSet<(string, string)>();
        var hints = new List<SkpItem>();
        var seenGroups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in list)
        {
            if (seenUnits.Add((t.RegionId, t.UnitId)))
            {
                units.Add(new SkpItem(null, new SkpUnit(t.RegionId, t.UnitId)));
            }
            if (t.Nip is not null && seenGroups.Add(t.Nip))
            {
                hints.Add(new SkpItem(new SkpHint(t.Nip), null));
            }
        }
        foreach (var t in list)
        {
            if (t is { Nip: not null, SuperiorNip: not null } && seenGroups.Add(t.SuperiorNip))
            {
                hints.Add(new SkpItem(new SkpHint(t.SuperiorNip, t.Nip), null));
            }
        }
        return Of([.. units, .. hints], slice => new SkpDataChanged
        {
            Employees = slice.Where(i => i.Hint is not null).Select(i => i.Hint!).ToArray(),
            Units = slice.Where(i => i.Unit is not null).Select(i => i.Unit!).ToArray(),
        });
    }

    /// <summary>One item of an SKP notice: an employee group's hint or a unit.</summary>
    private sealed record SkpItem(SkpHint? Hint, SkpUnit? Unit);

    private static ChangeNotice Of<TItem, TMessage>(IReadOnlyList<TItem> items, Func<ArraySegment<TItem>, TMessage> make)
        where TMessage : class, IChangeMessage<TMessage> =>
        new(TMessage.Channel, ChangeSplitter.Split(items, slice => ChangeMessages.Serialize(make(slice))));

    private static string[] Distinct(IEnumerable<string> values) =>
        values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
