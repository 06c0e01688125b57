using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Hosting;

namespace Kinerja.Rules.Live;

/// <summary>
/// What the live evaluator last evaluated and stored while it holds the lease, so a change costs only what
/// moved: snapshots equal to the last evaluated ones under the same rule set are not evaluated again (the
/// same set on the same snapshot gives the same outcome, whose triggers and levels are stored already),
/// levels equal to the last saved ones are not written again, and stored triggers are not sent again
/// (<see cref="StoredTriggerKeys"/>). A new rule set forgets the snapshots (everything named afterwards is
/// evaluated under it); gaining the lease or a failed evaluation forgets everything, because another
/// process may have written in between. Not thread-safe; the evaluator's loop owns it.
/// </summary>
public sealed class EvaluationMemory
{
    private const int LevelCapacity = 2_000_000;

    private readonly Dictionary<string, IndicatorSnapshot> _employees = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Unit, string Period), UnitSnapshot> _units = [];
    private readonly Dictionary<(string Nip, string Period), (string? Hasil, string? Perilaku, string? Predikat)> _levels = [];
    private object? _set;

    /// <summary>Triggers known to be stored.</summary>
    public StoredTriggerKeys Triggers { get; } = new();

    /// <summary>Employee snapshots remembered as evaluated.</summary>
    public int EvaluatedEmployees => _employees.Count;

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        _employees.Clear();
        _units.Clear();
        _levels.Clear();
        Triggers.Clear();
        _set = null;
    }

    /// <summary>Declares the rule set the next evaluation runs; a different one forgets the evaluated snapshots.</summary>
    public void Use(CompiledRuleSet set) => UseRules(set);

    /// <summary>Declares the schedule the next evaluation runs (any change of a period's set is a new schedule).</summary>
    public void Use(RuleSchedule schedule) => UseRules(schedule);

    private void UseRules(object set)
    {
        if (!ReferenceEquals(set, _set))
        {
            _employees.Clear();
            _units.Clear();
            _set = set;
        }
    }

    /// <summary>The snapshots that differ from the last evaluated one of the same employee (or were never evaluated).</summary>
    public List<IndicatorSnapshot> Moved(IEnumerable<IndicatorSnapshot> snapshots) =>
        snapshots.Where(s => !_employees.TryGetValue(s.Nip, out var last) || last != s).ToList();

    /// <summary>The unit snapshots that differ from the last evaluated one of the same unit and period.</summary>
    public List<UnitSnapshot> Moved(IEnumerable<UnitSnapshot> units) =>
        units.Where(u => !_units.TryGetValue((u.UnitId, u.Period), out var last) || last != u).ToList();

    /// <summary>Remembers snapshots as evaluated, once their triggers and levels are stored.</summary>
    public void Evaluated(IEnumerable<IndicatorSnapshot> employees, IEnumerable<UnitSnapshot> units)
    {
        foreach (var e in employees)
        {
            _employees[e.Nip] = e;
        }
        foreach (var u in units)
        {
            _units[(u.UnitId, u.Period)] = u;
        }
    }

    /// <summary>The employee outcomes whose levels differ from the last saved ones (or were never saved).</summary>
    public IReadOnlyList<EvaluationOutcome> LevelsToSave(IEnumerable<EvaluationOutcome> outcomes) =>
        outcomes.Where(o => !o.IsUnit
            && (!_levels.TryGetValue((o.Subject, o.Period), out var last) || last != (o.RatingHasilKerja, o.RatingPerilaku, o.Predikat)))
            .ToList();

    /// <summary>Remembers the levels of outcomes as saved (after the save committed).</summary>
    public void LevelsSaved(IEnumerable<EvaluationOutcome> outcomes)
    {
        if (_levels.Count > LevelCapacity)
        {
            _levels.Clear();
        }
        foreach (var o in outcomes.Where(o => !o.IsUnit))
        {
            _levels[(o.Subject, o.Period)] = (o.RatingHasilKerja, o.RatingPerilaku, o.Predikat);
        }
    }
}
