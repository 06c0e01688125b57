using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Engine;

namespace Kinerja.Rules.Backtest;

/// <summary>
/// Re-derives the history features of each employee from one rule set's own predicates during a
/// backtest: after period N, <c>PreviousPredikat</c> and the run counters of period N+1 come from that
/// set's predicate in N. The first replayed period keeps the stored values.
/// </summary>
internal sealed class HistoryTracker
{
    private readonly Dictionary<string, (string? Predikat, int Run)> _state = new(StringComparer.Ordinal);

    public IReadOnlyList<IndicatorSnapshot> Apply(List<IndicatorSnapshot> list)
    {
        if (_state.Count == 0)
        {
            return list;
        }
        var result = new IndicatorSnapshot[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            if (!_state.TryGetValue(s.Nip, out var h))
            {
                result[i] = s;
                continue;
            }
            result[i] = s with
            {
                PreviousPredikat = h.Predikat,
                PeriodsSangatBaik = h.Predikat == Predikat.SangatBaik ? h.Run : 0,
                PeriodsBaik = h.Predikat == Predikat.Baik ? h.Run : 0,
                PeriodsButuhPerbaikan = h.Predikat == Predikat.ButuhPerbaikan ? h.Run : 0,
                PeriodsKurangMisconduct = h.Predikat == Predikat.KurangMisconduct ? h.Run : 0,
                PeriodsSangatKurang = h.Predikat == Predikat.SangatKurang ? h.Run : 0,
            };
        }
        return result;
    }

    public void Record(List<IndicatorSnapshot> inputs, EvaluationOutcome[] outcomes)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            var s = inputs[i];
            var predikat = outcomes[i].Predikat ?? s.Predikat;
            var run = 1;
            if (_state.TryGetValue(s.Nip, out var h))
            {
                run = h.Predikat == predikat && predikat is not null ? h.Run + 1 : 1;
            }
            else if (predikat is not null && predikat == s.PreviousPredikat)
            {
                // continue the stored run of the first replayed period
                run = Stored(s, predikat) + 1;
            }
            _state[s.Nip] = (predikat, run);
        }
    }

    private static int Stored(IndicatorSnapshot s, string predikat) => predikat switch
    {
        Predikat.SangatBaik => s.PeriodsSangatBaik,
        Predikat.Baik => s.PeriodsBaik,
        Predikat.ButuhPerbaikan => s.PeriodsButuhPerbaikan,
        Predikat.KurangMisconduct => s.PeriodsKurangMisconduct,
        Predikat.SangatKurang => s.PeriodsSangatKurang,
        _ => 0,
    };
}
