using System.Globalization;
using Kinerja.Core.Survey;

namespace Kinerja.Core.Indicators;

/// <summary>Sums employee rows and unit rows of one group into <see cref="GroupIndicators"/>.</summary>
internal sealed class GroupAccumulator(RegionPlan region, string periodKey)
{
    private long _approved, _pending, _rejected, _target, _activityDays;
    private long _hadir, _terlambat, _izin, _sakit, _cuti, _dinasLuar, _late, _tks, _tksYtd;
    private int _onTarget, _withTks, _longestRun;
    private long _hkSum, _hkCnt, _baSum, _baCnt, _ratingCount;
    private long _bpSum, _bpCnt, _akSum, _akCnt, _koSum, _koCnt, _haSum, _haCnt, _loSum, _loCnt, _adSum, _adCnt, _klSum, _klCnt;
    private long _atSum, _atCnt, _reSum, _reCnt, _bwSum, _bwCnt, _maSum, _maCnt, _diSum, _diCnt;
    private int _employees, _filed, _tHadir, _tTerlambat, _tIzin, _tSakit, _tCuti, _tDinasLuar, _tTks, _tRecorded;
    private int _sb, _b, _bp, _k, _sk;

    public long IkmSum { get; private set; }

    public int IkmCount { get; private set; }

    /// <summary>The survey answers of the units added (pooled: 1/9 each for a group of units).</summary>
    public SurveyTally Survey { get; private set; } = SurveyTally.Empty;

    /// <summary>Adds an employee's period figures; inactive employees are not counted.</summary>
    public void Add(EmployeeFactsRow r) => Apply(r, 1);

    /// <summary>
    /// Takes back the figures of an employee row added before (the live model's update of one employee). False when the
    /// row's TKS run may have been the group's longest: a maximum cannot be taken back, so the caller adds the group's
    /// rows again.
    /// </summary>
    public bool Remove(EmployeeFactsRow r)
    {
        Apply(r, -1);
        return !r.Active || r.TksLongestRun <= 0 || r.TksLongestRun < _longestRun;
    }

    /// <summary>Adds the employee figures another group summed (a region from its units); unit rows are added separately.</summary>
    public void AddEmployees(GroupAccumulator o)
    {
        _approved += o._approved;
        _pending += o._pending;
        _rejected += o._rejected;
        _target += o._target;
        _onTarget += o._onTarget;
        _activityDays += o._activityDays;
        _hadir += o._hadir;
        _terlambat += o._terlambat;
        _izin += o._izin;
        _sakit += o._sakit;
        _cuti += o._cuti;
        _dinasLuar += o._dinasLuar;
        _late += o._late;
        _tks += o._tks;
        _tksYtd += o._tksYtd;
        _withTks += o._withTks;
        _longestRun = Math.Max(_longestRun, o._longestRun);
        _hkSum += o._hkSum; _hkCnt += o._hkCnt;
        _baSum += o._baSum; _baCnt += o._baCnt;
        _ratingCount += o._ratingCount;
        _bpSum += o._bpSum; _bpCnt += o._bpCnt;
        _akSum += o._akSum; _akCnt += o._akCnt;
        _koSum += o._koSum; _koCnt += o._koCnt;
        _haSum += o._haSum; _haCnt += o._haCnt;
        _loSum += o._loSum; _loCnt += o._loCnt;
        _adSum += o._adSum; _adCnt += o._adCnt;
        _klSum += o._klSum; _klCnt += o._klCnt;
        _atSum += o._atSum; _atCnt += o._atCnt;
        _reSum += o._reSum; _reCnt += o._reCnt;
        _bwSum += o._bwSum; _bwCnt += o._bwCnt;
        _maSum += o._maSum; _maCnt += o._maCnt;
        _diSum += o._diSum; _diCnt += o._diCnt;
    }

    /// <summary>A new accumulator of the same group holding this one's employee figures (unit rows are not copied).</summary>
    public GroupAccumulator CopyEmployees()
    {
        var copy = new GroupAccumulator(region, periodKey);
        copy.AddEmployees(this);
        return copy;
    }

    private void Apply(EmployeeFactsRow r, int by)
    {
        if (!r.Active)
        {
            return;
        }
        var target = region.Target.TargetMinutes;
        _approved += by * r.MinutesApproved;
        _pending += by * r.MinutesPending;
        _rejected += by * r.MinutesRejected;
        _target += by * target;
        _onTarget += by * (target > 0 && r.MinutesApproved >= target ? 1 : 0);
        _activityDays += by * r.ActivityDays;
        _hadir += by * r.Hadir;
        _terlambat += by * r.Terlambat;
        _izin += by * r.Izin;
        _sakit += by * r.Sakit;
        _cuti += by * r.Cuti;
        _dinasLuar += by * r.DinasLuar;
        _late += by * r.LateMinutes;
        _tks += by * r.Tks;
        _tksYtd += by * r.TksYtd;
        _withTks += by * (r.TksYtd > 0 ? 1 : 0);
        if (by > 0)
        {
            _longestRun = Math.Max(_longestRun, r.TksLongestRun);
        }
        _hkSum += by * r.HasilKerjaSum; _hkCnt += by * r.HasilKerjaCount;
        _baSum += by * r.BerAkhlakSum; _baCnt += by * r.BerAkhlakCount;
        _ratingCount += by * r.RatingCount;
        _bpSum += by * r.BerorientasiPelayananSum; _bpCnt += by * r.BerorientasiPelayananCount;
        _akSum += by * r.AkuntabelSum; _akCnt += by * r.AkuntabelCount;
        _koSum += by * r.KompetenSum; _koCnt += by * r.KompetenCount;
        _haSum += by * r.HarmonisSum; _haCnt += by * r.HarmonisCount;
        _loSum += by * r.LoyalSum; _loCnt += by * r.LoyalCount;
        _adSum += by * r.AdaptifSum; _adCnt += by * r.AdaptifCount;
        _klSum += by * r.KolaboratifSum; _klCnt += by * r.KolaboratifCount;
        _atSum += by * r.AtasanSum; _atCnt += by * r.AtasanCount;
        _reSum += by * r.RekanSum; _reCnt += by * r.RekanCount;
        _bwSum += by * r.BawahanSum; _bwCnt += by * r.BawahanCount;
        _maSum += by * r.MasyarakatSum; _maCnt += by * r.MasyarakatCount;
        _diSum += by * r.DiriSum; _diCnt += by * r.DiriCount;
    }

    /// <summary>Adds a unit's head count, today figures, predicates and IKM sums.</summary>
    public void Add(UnitFactsRow u)
    {
        _employees += u.EmployeeCount;
        _filed += u.FiledToday;
        _tHadir += u.TodayHadir;
        _tTerlambat += u.TodayTerlambat;
        _tIzin += u.TodayIzin;
        _tSakit += u.TodaySakit;
        _tCuti += u.TodayCuti;
        _tDinasLuar += u.TodayDinasLuar;
        _tTks += u.TodayTks;
        _tRecorded += u.TodayRecorded;
        _sb += u.SangatBaik;
        _b += u.Baik;
        _bp += u.ButuhPerbaikan;
        _k += u.KurangMisconduct;
        _sk += u.SangatKurang;
        IkmSum += u.IkmSum;
        IkmCount += u.IkmCount;
        if (u.SurveyRespondents > 0)
        {
            Survey = Survey.Plus(u.Survey);
        }
    }

    public GroupIndicators Build() => new()
    {
        Period = periodKey,
        EmployeeCount = _employees,
        ActivityMinutes = _approved,
        ActivityMinutesPending = _pending,
        ActivityMinutesRejected = _rejected,
        ActivityTargetMinutes = _target,
        ActivityPct = SnapshotMapper.Pct(_approved, _target),
        EmployeesOnTarget = _onTarget,
        ActivityDays = _activityDays,
        WorkingDays = region.Target.WorkingDays,
        WorkingDaysElapsed = region.Target.WorkingDaysElapsed,
        AttendanceHadir = _hadir,
        AttendanceTerlambat = _terlambat,
        AttendanceIzin = _izin,
        AttendanceSakit = _sakit,
        AttendanceCuti = _cuti,
        AttendanceDinasLuar = _dinasLuar,
        LateMinutes = _late,
        TksDays = _tks,
        TksDaysYtd = _tksYtd,
        EmployeesWithTksYtd = _withTks,
        TksLongestRun = _longestRun,
        HasilKerjaAvg = SnapshotMapper.Avg(_hkSum, _hkCnt),
        BerAkhlakAvg = SnapshotMapper.Avg(_baSum, _baCnt),
        RatingCount = _ratingCount,
        BerorientasiPelayananAvg = SnapshotMapper.Avg(_bpSum, _bpCnt),
        AkuntabelAvg = SnapshotMapper.Avg(_akSum, _akCnt),
        KompetenAvg = SnapshotMapper.Avg(_koSum, _koCnt),
        HarmonisAvg = SnapshotMapper.Avg(_haSum, _haCnt),
        LoyalAvg = SnapshotMapper.Avg(_loSum, _loCnt),
        AdaptifAvg = SnapshotMapper.Avg(_adSum, _adCnt),
        KolaboratifAvg = SnapshotMapper.Avg(_klSum, _klCnt),
        AtasanAvg = SnapshotMapper.Avg(_atSum, _atCnt),
        RekanAvg = SnapshotMapper.Avg(_reSum, _reCnt),
        BawahanAvg = SnapshotMapper.Avg(_bwSum, _bwCnt),
        MasyarakatAvg = SnapshotMapper.Avg(_maSum, _maCnt),
        DiriAvg = SnapshotMapper.Avg(_diSum, _diCnt),
        Today = region.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        WorkingDayToday = region.Calendar.IsWorkingDay(region.Today),
        FiledToday = _filed,
        FilingRateToday = SnapshotMapper.Pct(_filed, _employees),
        AttendanceToday = new AttendanceToday
        {
            Hadir = _tHadir,
            Terlambat = _tTerlambat,
            Izin = _tIzin,
            Sakit = _tSakit,
            Cuti = _tCuti,
            DinasLuar = _tDinasLuar,
            TanpaKeterangan = _tTks,
            NotRecorded = Math.Max(0, _employees - _tRecorded),
        },
        Predikat = PredikatDistribution.From(_sb, _b, _bp, _k, _sk),
    };
}
