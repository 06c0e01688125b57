using System.Diagnostics;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Where the incremental updates of <see cref="LiveIndicators"/> spend their time, summed since start: the cheap read
/// (signatures and unit IKM), the full read of employees whose signature moved, the in-memory apply and the commit
/// (per-region aggregation and the data version), with load-independent counts (employees taken by each path, region
/// commits, unit rows rebuilt, versions moved). Written by the one running update (under the model's gate), read
/// lock-free by <see cref="Snapshot"/>.
/// </summary>
internal sealed class LiveUpdatePhases
{
    private long _signatureTicks, _factsTicks, _applyTicks, _commitTicks;
    private long _quick, _full, _commits, _unitsBuilt, _versionsMoved;

    public void Signatures(long started) => Interlocked.Add(ref _signatureTicks, Stopwatch.GetTimestamp() - started);

    public void Facts(long started, int employees)
    {
        Interlocked.Add(ref _factsTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Add(ref _full, employees);
    }

    public void Apply(long started, int quickEmployees)
    {
        Interlocked.Add(ref _applyTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Add(ref _quick, quickEmployees);
    }

    public void Commit(long started, LiveCommitCounts counts)
    {
        Interlocked.Add(ref _commitTicks, Stopwatch.GetTimestamp() - started);
        Interlocked.Add(ref _commits, counts.Regions);
        Interlocked.Add(ref _unitsBuilt, counts.UnitsBuilt);
        Interlocked.Add(ref _versionsMoved, counts.VersionsMoved);
    }

    public LiveUpdatePhaseStats Snapshot() => new(
        Ticks(ref _signatureTicks), Ticks(ref _factsTicks), Ticks(ref _applyTicks), Ticks(ref _commitTicks),
        Interlocked.Read(ref _quick), Interlocked.Read(ref _full), Interlocked.Read(ref _commits),
        Interlocked.Read(ref _unitsBuilt), Interlocked.Read(ref _versionsMoved));

    private static TimeSpan Ticks(ref long stopwatchTicks) =>
        TimeSpan.FromSeconds(Interlocked.Read(ref stopwatchTicks) / (double)Stopwatch.Frequency);
}

/// <summary>What the commits of one update did: regions committed, unit rows rebuilt from their tallies, versions moved.</summary>
internal readonly record struct LiveCommitCounts(int Regions, int UnitsBuilt, int VersionsMoved)
{
    public static LiveCommitCounts operator +(LiveCommitCounts a, LiveCommitCounts b) =>
        new(a.Regions + b.Regions, a.UnitsBuilt + b.UnitsBuilt, a.VersionsMoved + b.VersionsMoved);
}

/// <summary>
/// The phases of the live model's incremental updates since start (see <see cref="LiveIndicatorsStats.Phases"/>).
/// </summary>
/// <param name="SignatureRead">The cheap read of every change (signatures of the named employees, IKM of the named units).</param>
/// <param name="FactsRead">The full read of the employees whose signature moved (ratings, levels, attendance, unit).</param>
/// <param name="Apply">Putting the read rows into the held regions (snapshots mapped, unit tallies moved).</param>
/// <param name="Commit">Aggregating each touched region from its unit tallies and deciding its data version.</param>
/// <param name="QuickEmployees">Employees updated from the cheap read alone (only activity figures moved).</param>
/// <param name="FullEmployees">Employees read in full.</param>
/// <param name="RegionCommits">Region commits (one per touched region per update).</param>
/// <param name="UnitsBuilt">Unit rows rebuilt from their tallies by those commits.</param>
/// <param name="VersionsMoved">Commits that moved a region's data version (its figures changed).</param>
public sealed record LiveUpdatePhaseStats(TimeSpan SignatureRead, TimeSpan FactsRead, TimeSpan Apply, TimeSpan Commit,
    long QuickEmployees, long FullEmployees, long RegionCommits, long UnitsBuilt, long VersionsMoved)
{
    public static readonly LiveUpdatePhaseStats None = new(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, 0, 0, 0, 0, 0);
}
