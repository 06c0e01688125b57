using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Backtest;

/// <summary>Accumulates the trigger differences of paired outcomes (same subject and period).</summary>
internal sealed class TriggerDiff(int affectedLimit)
{
    private readonly Dictionary<(string Workflow, string Code, string Kind), int[]> _byCode = [];
    private readonly Dictionary<string, int[]> _byUnit = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, (string? Unit, List<string> Gained, List<string> Lost, List<string> Changed)> _affected = new(StringComparer.Ordinal);
    private readonly Dictionary<(string?, string?), int> _predikat = [];
    private readonly Dictionary<(string?, string?, string?), int> _predikatByUnit = [];
    private int _activeTriggers, _candidateTriggers, _gained, _lost, _changed, _errors;

    public void Add(EvaluationOutcome a, EvaluationOutcome b)
    {
        _activeTriggers += a.Triggers.Count;
        _candidateTriggers += b.Triggers.Count;
        _errors += b.Errors.Count;
        if (!a.IsUnit && a.Predikat != b.Predikat)
        {
            _predikat[(a.Predikat, b.Predikat)] = _predikat.GetValueOrDefault((a.Predikat, b.Predikat)) + 1;
            _predikatByUnit[(a.UnitId, a.Predikat, b.Predikat)] = _predikatByUnit.GetValueOrDefault((a.UnitId, a.Predikat, b.Predikat)) + 1;
        }
        if (a.Triggers.Count == 0 && b.Triggers.Count == 0)
        {
            return;
        }
        foreach (var tb in b.Triggers)
        {
            var ta = Find(a.Triggers, tb.Workflow, tb.Rule);
            if (ta is null)
            {
                Count(tb, 0, b.UnitId, "gained");
            }
            else if (ta.Code != tb.Code || ta.Kind != tb.Kind)
            {
                Count(tb, 2, b.UnitId, "changed", $" (was {ta.Code})");
            }
        }
        foreach (var ta in a.Triggers)
        {
            if (Find(b.Triggers, ta.Workflow, ta.Rule) is null)
            {
                Count(ta, 1, a.UnitId, "lost");
            }
        }
    }

    private static Trigger? Find(IReadOnlyList<Trigger> list, string workflow, string rule)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Rule == rule && list[i].Workflow == workflow)
            {
                return list[i];
            }
        }
        return null;
    }

    private void Count(Trigger t, int column, string? unitId, string what, string suffix = "")
    {
        switch (column)
        {
            case 0: _gained++; break;
            case 1: _lost++; break;
            default: _changed++; break;
        }
        var key = (t.Workflow, t.Code, t.Kind);
        if (!_byCode.TryGetValue(key, out var c))
        {
            _byCode[key] = c = new int[3];
        }
        c[column]++;
        var unit = unitId ?? "";
        if (!_byUnit.TryGetValue(unit, out var u))
        {
            _byUnit[unit] = u = new int[3];
        }
        u[column]++;
        if (!_affected.TryGetValue(t.Subject, out var s))
        {
            _affected[t.Subject] = s = (unitId, [], [], []);
        }
        var entry = $"{t.Period} {t.Workflow}/{t.Code}{suffix}";
        (what == "gained" ? s.Gained : what == "lost" ? s.Lost : s.Changed).Add(entry);
    }

    public BacktestReport Report(IReadOnlyList<string> periods, int snapshots, int subjects,
        IReadOnlyDictionary<string, int> activeVersions, IReadOnlyDictionary<string, int> candidateVersions,
        double loadSeconds, double evaluateSeconds) => new()
    {
        Periods = periods,
        Snapshots = snapshots,
        Subjects = subjects,
        ActiveVersions = activeVersions,
        CandidateVersions = candidateVersions,
        ActiveTriggers = _activeTriggers,
        CandidateTriggers = _candidateTriggers,
        Gained = _gained,
        Lost = _lost,
        Changed = _changed,
        ByCode = _byCode.Select(kv => new CodeDelta(kv.Key.Workflow, kv.Key.Code, kv.Key.Kind, kv.Value[0], kv.Value[1], kv.Value[2]))
            .OrderByDescending(d => d.Gained + d.Lost + d.Changed).ThenBy(d => d.Code, StringComparer.Ordinal).ToArray(),
        ByUnit = _byUnit.Select(kv => new UnitDelta(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2]))
            .OrderByDescending(d => d.Gained + d.Lost + d.Changed).ThenBy(d => d.UnitId, StringComparer.Ordinal).ToArray(),
        AffectedCount = _affected.Count,
        Affected = _affected.Take(Math.Max(0, affectedLimit))
            .Select(kv => new SubjectDelta(kv.Key, kv.Value.Unit, kv.Value.Gained, kv.Value.Lost, kv.Value.Changed)).ToArray(),
        PredikatChanges = _predikat.Select(kv => new PredikatDelta(kv.Key.Item1, kv.Key.Item2, kv.Value))
            .OrderByDescending(p => p.Count).ToArray(),
        PredikatChangesByUnit = _predikatByUnit.Select(kv => new UnitPredikatDelta(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Value))
            .OrderBy(p => p.UnitId, StringComparer.Ordinal).ThenByDescending(p => p.Count).ToArray(),
        CandidateRuleErrors = _errors,
        LoadSeconds = loadSeconds,
        EvaluateSeconds = evaluateSeconds,
    };
}
