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
    public void Add(EmployeeFactsRow r)
    {
        if (!r.Active)
        {
            return;
        }
        var target = region.Target.TargetMinutes;
        _approved += r.MinutesApproved;
        _pending += r.MinutesPending;
        _rejected += r.MinutesRejected;
        _target += target;
        _onTarget += target > 0 && r.MinutesApproved >= target ? 1 : 0;
        _activityDays += r.ActivityDays;
        _hadir += r.Hadir;
        _terlambat += r.Terlambat;
        _izin += r.Izin;
        _sakit += r.Sakit;
        _cuti += r.Cuti;
        _dinasLuar += r.DinasLuar;
        _late += r.LateMinutes;
        _tks += r.Tks;
        _tksYtd += r.TksYtd;
        _withTks += r.TksYtd > 0 ? 1 : 0;
        _longestRun = Math.Max(_longestRun, r.TksLongestRun);
        _hkSum += r.HasilKerjaSum; _hkCnt += r.HasilKerjaCount;
        _baSum += r.BerAkhlakSum; _baCnt += r.BerAkhlakCount;
        _ratingCount += r.RatingCount;
        _bpSum += r.BerorientasiPelayananSum; _bpCnt += r.BerorientasiPelayananCount;
        _akSum += r.AkuntabelSum; _akCnt += r.AkuntabelCount;
        _koSum += r.KompetenSum; _koCnt += r.KompetenCount;
        _haSum += r.HarmonisSum; _haCnt += r.HarmonisCount;
        _loSum += r.LoyalSum; _loCnt += r.LoyalCount;
        _adSum += r.AdaptifSum; _adCnt += r.AdaptifCount;
        _klSum += r.KolaboratifSum; _klCnt += r.KolaboratifCount;
        _atSum += r.AtasanSum; _atCnt += r.AtasanCount;
        _reSum += r.RekanSum; _reCnt += r.RekanCount;
        _bwSum += r.BawahanSum; _bwCnt += r.BawahanCount;
        _maSum += r.MasyarakatSum; _maCnt += r.MasyarakatCount;
        _diSum += r.DiriSum; _diCnt += r.DiriCount;
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
