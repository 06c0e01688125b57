namespace Kinerja.Core.Indicators;

/// <summary>
/// The groups of figures the boards' charts draw, each with its own data version (<see cref="FamilyVersions"/>): a chart
/// is keyed on the version of the family it draws, so a change of activity minutes does not redraw the attendance chart.
/// </summary>
public enum FigureFamily
{
    /// <summary>Activity minutes against the target (cumulative minutes, achievement per unit).</summary>
    Activity,
    /// <summary>Today's filing of activity reports (filing rate per unit).</summary>
    Filing,
    /// <summary>Today's attendance (statuses, attendance rate per unit).</summary>
    Attendance,
    /// <summary>The predicates the rules leveled for the period (predicate curve per unit, the units' own predicates).</summary>
    Predikat,
    /// <summary>Citizen satisfaction (IKM trend).</summary>
    Ikm,
    /// <summary>The period alone (the months a chart of trigger counts spans; the counts themselves are not figures).</summary>
    Period,
}

/// <summary>
/// The data version at which each <see cref="FigureFamily"/> of a region or unit last changed (a value of the region's data
/// version, so it only increases). Set by the live model only.
/// </summary>
public sealed class FamilyVersions
{
    private static readonly int Count = Enum.GetValues<FigureFamily>().Length;
    private readonly long[] _versions;

    private FamilyVersions(long[] versions) => _versions = versions;

    /// <summary>No version yet (figures read from the database, not from the live model).</summary>
    public static FamilyVersions None { get; } = new(new long[Count]);

    /// <summary>Every family at <paramref name="version"/>.</summary>
    public static FamilyVersions All(long version) => new(Enumerable.Repeat(version, Count).ToArray());

    /// <summary>The version at which <paramref name="family"/> last changed.</summary>
    public long Of(FigureFamily family) => _versions[(int)family];

    /// <summary>These versions with <paramref name="changed"/> moved to <paramref name="version"/> (this instance when none moved).</summary>
    public FamilyVersions Moved(IReadOnlyCollection<FigureFamily> changed, long version)
    {
        if (changed.Count == 0)
        {
            return this;
        }
        var next = (long[])_versions.Clone();
        foreach (var family in changed)
        {
            next[(int)family] = version;
        }
        return new FamilyVersions(next);
    }

    public override string ToString() =>
        string.Join(", ", Enum.GetValues<FigureFamily>().Select(f => $"{f}={Of(f)}"));
}
