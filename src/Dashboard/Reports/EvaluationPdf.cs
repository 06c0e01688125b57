using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;

namespace Kinerja.Dashboard.Reports;

/// <summary>
/// The evaluation document of one employee for a month or a year (PDF): identity, predicate, Rating Hasil Kerja and Perilaku
/// (BerAKHLAK by aspect and by rater role), the SKP assessment counts when a plan exists, triggers with their follow-ups,
/// signature blocks, and the stamp of rule versions and data time on every page. A year without a computed annual
/// predicate is rendered from the months available, and the document says so.
/// </summary>
public static class EvaluationPdf
{
    public static async Task<byte[]> BuildAsync(ReportJobRow job, IIndicatorQueries indicators, ReportReads reads, RuleFigures rules,
        DateTimeOffset now, Func<int, Task> progress, CancellationToken ct)
    {
        var person = await reads.PersonAsync(job.Nip!, ct) ?? throw new InvalidOperationException($"No employee with NIP {job.Nip}.");
        var period = Period.Parse(job.Period);
        var snapshot = await indicators.EmployeeAsync(person.Nip, period, ct)
            ?? throw new InvalidOperationException($"No snapshot for NIP {person.Nip} in {job.Period}.");
        var levels = await reads.LevelsAsync(person.Nip, job.Period, ct);
        var triggers = await reads.TriggersAsync(person.Nip, job.Period, ct);
        await progress(50);

        using var pdf = new PdfFlow($"Dokumen Evaluasi Kinerja · {person.Name} · {job.Period}", ReportText.Stamp(rules.VersionsText, now));
        pdf.Heading("DOKUMEN EVALUASI KINERJA PEGAWAI", 14);
        pdf.Line($"Periode: {ReportText.Period(job.Period)}", bold: true);
        pdf.Gap();
        pdf.Table(["Identitas", ""], [
            ["Nama", person.Name], ["NIP", ReportText.Nip(person.Nip)], ["Jabatan", person.Position], ["Status", person.Status],
            ["Unit kerja", person.UnitName], ["Wilayah", person.RegionName],
        ], [1, 3]);

        string? predikat, hasil, perilaku;
        if (period.Kind == PeriodKind.Year)
        {
            var annual = levels.FirstOrDefault(l => l.Period == job.Period);
            var months = levels.Where(l => l.Period != job.Period).ToList();
            (predikat, hasil, perilaku) = (annual?.Predikat, annual?.RatingHasilKerja, annual?.RatingPerilaku);
            pdf.Heading("Predikat Kinerja Tahunan");
            if (annual is null)
            {
                pdf.Line($"Predikat tahunan belum dihitung oleh aturan. Dokumen ini disusun dari {months.Count} bulan yang tersedia.");
            }
            pdf.Table(["Periode", "Rating Hasil Kerja", "Rating Perilaku", "Predikat"],
                months.Select(m => (IReadOnlyList<string>)[ReportText.Period(m.Period), ReportText.Level(m.RatingHasilKerja),
                    ReportText.Level(m.RatingPerilaku), ReportText.Level(m.Predikat)]),
                [2, 2, 2, 2]);
        }
        else
        {
            var outcome = rules.Evaluate(snapshot);
            (predikat, hasil, perilaku) = (outcome.Predikat, outcome.RatingHasilKerja, outcome.RatingPerilaku);
        }
        pdf.Line($"Predikat Kinerja: {(predikat is null ? "belum ditetapkan" : ReportText.Level(predikat))}", 12, bold: true);
        pdf.Line($"Rating Hasil Kerja: {ReportText.Level(hasil)} · Rating Perilaku: {ReportText.Level(perilaku)}");
        pdf.Gap();

        pdf.Heading("Rating Hasil Kerja");
        pdf.Table(["Ukuran", "Nilai"], [
            ["Rata-rata penilaian hasil kerja", ReportText.Number(snapshot.HasilKerjaAvg)],
            ["Jumlah penilaian hasil kerja", ReportText.Count(snapshot.HasilKerjaCount)],
            ["Menit aktivitas disetujui", ReportText.Count(snapshot.ActivityMinutes)],
            ["Target menit", ReportText.Count(snapshot.ActivityTargetMinutes)],
            ["Capaian aktivitas (%)", ReportText.Number(snapshot.ActivityPct)],
        ], [3, 1]);

        pdf.Heading("Perilaku Kerja (BerAKHLAK) per aspek");
        pdf.Table(["Aspek", "Rata-rata"], [
            ["Berorientasi Pelayanan", ReportText.Number(snapshot.BerorientasiPelayananAvg)],
            ["Akuntabel", ReportText.Number(snapshot.AkuntabelAvg)], ["Kompeten", ReportText.Number(snapshot.KompetenAvg)],
            ["Harmonis", ReportText.Number(snapshot.HarmonisAvg)], ["Loyal", ReportText.Number(snapshot.LoyalAvg)],
            ["Adaptif", ReportText.Number(snapshot.AdaptifAvg)], ["Kolaboratif", ReportText.Number(snapshot.KolaboratifAvg)],
            ["Rata-rata BerAKHLAK", ReportText.Number(snapshot.BerAkhlakAvg)],
        ], [3, 1]);
        pdf.Heading("Perilaku Kerja (BerAKHLAK) per peran penilai");
        pdf.Table(["Peran penilai", "Rata-rata", "Jumlah penilaian"], [
            ["Atasan", ReportText.Number(snapshot.AtasanAvg), ReportText.Count(snapshot.AtasanCount)],
            ["Rekan kerja", ReportText.Number(snapshot.RekanAvg), ReportText.Count(snapshot.RekanCount)],
            ["Bawahan", ReportText.Number(snapshot.BawahanAvg), ReportText.Count(snapshot.BawahanCount)],
            ["Masyarakat", ReportText.Number(snapshot.MasyarakatAvg), ReportText.Count(snapshot.MasyarakatCount)],
            ["Diri sendiri", ReportText.Number(snapshot.DiriAvg), ReportText.Count(snapshot.DiriCount)],
        ], [2, 1, 1]);

        if (snapshot.SkpPlanApproved || snapshot.SkpRhkCount > 0)
        {
            pdf.Heading("Penilaian Rencana Hasil Kerja (SKP)");
            pdf.Table(["Ukuran", "Jumlah"], [
                ["RHK dalam rencana", ReportText.Count(snapshot.SkpRhkCount)],
                ["RHK dinilai", ReportText.Count(snapshot.SkpRhkAssessed)],
                ["Di atas ekspektasi", ReportText.Count(snapshot.SkpRhkDiAtas)],
                ["Sesuai ekspektasi", ReportText.Count(snapshot.SkpRhkSesuai)],
                ["Di bawah ekspektasi", ReportText.Count(snapshot.SkpRhkDiBawah)],
            ], [3, 1]);
        }

        pdf.Heading("Pemicu dan Tindak Lanjut");
        pdf.Table(["Periode", "Jenis", "Kode", "Aturan", "Tindak lanjut", "Status", "Batas"],
            triggers.Select(t => (IReadOnlyList<string>)[t.Period, t.Kind, t.Code, $"{t.Workflow} v{t.Version}", t.FollowUpTitle ?? "-",
                t.FollowUpState ?? "-", t.DueDate?.ToString("yyyy-MM-dd") ?? "-"]),
            [1.1, 1.2, 1.6, 1.3, 2.6, 1.1, 1.2], 7.5);

        pdf.Signatures([
            ("Pegawai yang dinilai,", person.Name, ReportText.Nip(person.Nip)),
            ("Pejabat Penilai Kinerja,", person.SupervisorName ?? "....................", person.SupervisorNip is { } s ? ReportText.Nip(s) : ""),
        ], $"{person.RegionName}, {now.ToUniversalTime():dd-MM-yyyy}");
        await progress(90);
        return pdf.Save();
    }
}
