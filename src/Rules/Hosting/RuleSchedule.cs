using Kinerja.Rules.Engine;
using Kinerja.Rules.Store;

namespace Kinerja.Rules.Hosting;

/// <summary>One stretch of months with the same versions: from <paramref name="From"/> (<c>YYYY-MM</c>) until the next segment.</summary>
public sealed record ScheduleSegment(string From, CompiledRuleSet Set);

/// <summary>
/// Which compiled rule set evaluates which period (issue 20, "a publish can take effect from a chosen month"): the
/// segments of the schedule, each a complete compiled set, built at load and never per evaluation. Immutable; a
/// publish, rollback or reload swaps a whole new schedule in (<see cref="ActiveRuleSet"/>).
/// </summary>
public sealed class RuleSchedule
{
    /// <param name="segments">Ordered by <see cref="ScheduleSegment.From"/>; at least one.</param>
    /// <param name="entries">The <c>workflow_schedule</c> rows it was built from (shown by the API).</param>
    public RuleSchedule(IReadOnlyList<ScheduleSegment> segments, IReadOnlyList<ScheduleEntry> entries)
    {
        if (segments.Count == 0)
        {
            throw new ArgumentException("A schedule needs at least one segment.", nameof(segments));
        }
        Segments = segments;
        Entries = entries;
    }

    /// <summary>One set for every month (a schedule of a single version per workflow applying always).</summary>
    public static RuleSchedule Single(CompiledRuleSet set) => new([new ScheduleSegment(RuleMonth.Always, set)], []);

    public IReadOnlyList<ScheduleSegment> Segments { get; }

    public IReadOnlyList<ScheduleEntry> Entries { get; }

    /// <summary>The set of the last segment: every workflow's newest published version (what a candidate is merged over).</summary>
    public CompiledRuleSet Latest => Segments[^1].Set;

    /// <summary>
    /// The set that evaluates <paramref name="period"/> (its month by <see cref="RuleMonth.Of"/>): the last segment starting
    /// at or before that month; a period before every segment gets the first one (the oldest rules known).
    /// </summary>
    public CompiledRuleSet For(string period)
    {
        var month = RuleMonth.Of(period);
        var found = Segments[0];
        foreach (var s in Segments)
        {
            if (string.CompareOrdinal(s.From, month) > 0)
            {
                break;
            }
            found = s;
        }
        return found.Set;
    }

    /// <summary>
    /// The version map of each stretch of months: at every month some entry starts from, per workflow the entry with the
    /// highest id among those starting at or before it; stretches with the same map are merged.
    /// </summary>
    public static IReadOnlyList<(string From, IReadOnlyDictionary<string, int> Versions)> Plan(IReadOnlyList<ScheduleEntry> entries)
    {
        var plan = new List<(string From, IReadOnlyDictionary<string, int> Versions)>();
        foreach (var month in entries.Select(e => e.EffectiveFrom).Distinct().Order(StringComparer.Ordinal))
        {
            var versions = entries.Where(e => string.CompareOrdinal(e.EffectiveFrom, month) <= 0)
                .GroupBy(e => e.Workflow, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!.Version, StringComparer.Ordinal);
            if (plan.Count > 0 && Key(plan[^1].Versions) == Key(versions))
            {
                continue;
            }
            plan.Add((month, versions));
        }
        return plan;
    }

    /// <summary>A stable text key of a version map (<c>a@1,b@2</c>), for caching compiled sets per version combination.</summary>
    public static string Key(IReadOnlyDictionary<string, int> versions) =>
        string.Join(",", versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}@{v.Value}"));
}
