using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.FollowUp;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// The unit report (PDF) for a month or a year: predicate distribution, attendance, activity, IKM with its grade and
/// respondents, and follow-ups done on time, late, open and overdue; stamped with rule versions and data time.
/// </summary>
public static class UnitReportPdf
{
    public static async Task<byte[]> BuildAsync(ReportJobRow job, IIndicatorQueries indicators, ReportReads reads, FollowUpCounts followUps,
        RuleFigures rules, DateTimeOffset now, Func<int, Task> progress, CancellationToken ct)
    {
        var unit = await reads.UnitAsync(job.UnitId!, ct) ?? throw new InvalidOperationException($"No unit '{job.UnitId}'.");
        var u = await indicators.UnitAsync(unit.Id, Period.Parse(job.Period), ct)
            ?? throw new InvalidOperationException($"No indicators for unit '{unit.Id}' in {job.Period}.");
        await progress(40);
        var counts = (await followUps.PerUnitAsync(unit.RegionId, job.Period.Length == 7 ? job.Period : null, now, ct))
            .FirstOrDefault(c => c.UnitId == unit.Id);
        await progress(60);

        using var pdf = new PdfFlow($"Laporan Unit · {unit.Name} · {job.Period}", ReportText.Stamp(rules.VersionsText, now));
        pdf.Heading("LAPORAN KINERJA UNIT", 14);
        pdf.Line($"{unit.Name} ({unit.Id}) · {unit.RegionName}", bold: true);
        pdf.Line($"Periode: {ReportText.Period(job.Period)} · Pegawai: {ReportText.Count(u.EmployeeCount)}");
        if (u.UnitPredikat is { } up)
        {
            pdf.Line($"Predikat unit: {up}", bold: true);
        }
        pdf.Gap();
        var p = u.Predikat;
        pdf.Heading("Distribusi Predikat Kinerja");
        pdf.Table(["Predikat", "Jumlah pegawai", "Persen"], [
            ["Sangat Baik", ReportText.Count(p.SangatBaik), ReportText.Number(p.SangatBaikPct, 1)],
            ["Baik", ReportText.Count(p.Baik), ReportText.Number(p.BaikPct, 1)],
            ["Butuh Perbaikan", ReportText.Count(p.ButuhPerbaikan), ReportText.Number(p.ButuhPerbaikanPct, 1)],
            ["Kurang", ReportText.Count(p.KurangMisconduct), "-"],
            ["Sangat Kurang", ReportText.Count(p.SangatKurang), "-"],
            ["Dinilai", ReportText.Count(p.RatedCount), ""],
        ], [2, 1, 1]);
        pdf.Heading("Kehadiran dan Aktivitas");
        pdf.Table(["Ukuran", "Nilai"], [
            ["Hari kerja", ReportText.Count(u.WorkingDays)], ["Hadir (hari-orang)", ReportText.Count(u.AttendanceHadir)],
            ["Terlambat (hari-orang)", ReportText.Count(u.AttendanceTerlambat)], ["Menit terlambat", ReportText.Count(u.LateMinutes)],
            ["Izin", ReportText.Count(u.AttendanceIzin)], ["Sakit", ReportText.Count(u.AttendanceSakit)],
            ["Cuti", ReportText.Count(u.AttendanceCuti)], ["Dinas luar", ReportText.Count(u.AttendanceDinasLuar)],
            ["TKS (hari-orang)", ReportText.Count(u.TksDays)], ["Capaian aktivitas (%)", ReportText.Number(u.ActivityPct)],
        ], [3, 1]);
        pdf.Heading("Indeks Kepuasan Masyarakat (IKM)");
        pdf.Table(["IKM", "Mutu", "Responden"],
            [[ReportText.Number(u.Ikm), u.IkmGrade ?? "-", ReportText.Count(u.IkmRespondents)]], [1, 1, 1]);
        pdf.Heading("Tindak Lanjut");
        pdf.Table(["Ukuran", "Jumlah butir"], [
            ["Selesai tepat waktu", ReportText.Count(counts?.DoneOnTime ?? 0)], ["Selesai terlambat", ReportText.Count(counts?.DoneLate ?? 0)],
            ["Terbuka", ReportText.Count(counts?.Open ?? 0)], ["Lewat batas", ReportText.Count(counts?.Overdue ?? 0)],
            ["Pembinaan selesai", ReportText.Count(counts?.CoachingDone ?? 0)],
        ], [3, 1]);
        await progress(90);
        return pdf.Save();
    }
}
