using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// What a simulated employee does on a working day, as a deterministic function of (NIP, day): attendance
/// at 07:30, two to four activities between 08:00 and 16:00, the superior's reviews hours later (a few
/// approvals later flipped to rejections), and continuous feedback ratings on one day of each month.
/// Only events at or before <c>until</c> are emitted, so the same call replays history and follows the clock.
/// </summary>
internal static class DemoSchedule
{
    private static readonly string[] Tasks =
    [
        "Menyusun laporan bulanan", "Verifikasi berkas permohonan", "Melayani konsultasi warga", "Rapat koordinasi",
        "Input data ke aplikasi", "Menyusun telaahan staf", "Monitoring lapangan", "Evaluasi capaian program",
        "Menyiapkan bahan paparan", "Pengarsipan dokumen", "Pembinaan teknis", "Rekapitulasi data layanan",
    ];

    public static void Day(DemoWorker w, DateOnly day, DateTimeOffset until, DemoBatch batch)
    {
        var rng = new Random((int)DemoIds.Stable($"{w.Nip}:{day:yyyyMMdd}"));
        var key = $"{w.Nip}:{day:yyyyMMdd}";
        var status = rng.NextDouble() < w.TksChance ? AttendanceStatus.TanpaKeterangan : rng.Next(100) switch
        {
            < 84 => AttendanceStatus.Hadir,
            < 91 => AttendanceStatus.Terlambat,
            < 93 => AttendanceStatus.Izin,
            < 95 => AttendanceStatus.Sakit,
            < 97 => AttendanceStatus.Cuti,
            _ => AttendanceStatus.DinasLuar,
        };
        if (At(w, day, 7, 30) <= until)
        {
            var late = status == AttendanceStatus.Terlambat ? rng.Next(5, 61) : (int?)null;
            batch.Attendance.Add(DemoAttendanceDetail.Add(new AttendanceItem
            {
                EventId = DemoIds.For("att:" + key), Nip = w.Nip, Day = day, Status = status, LateMinutes = late,
            }, key));
        }
        if (status is not (AttendanceStatus.Hadir or AttendanceStatus.Terlambat or AttendanceStatus.DinasLuar))
        {
            return;
        }
        var tasks = rng.Next(2, 5);
        var total = (int)(w.DailyMinutesTarget * (0.8 + rng.NextDouble() * 0.4));
        for (var t = 0; t < tasks; t++)
        {
            var minutes = Math.Max(15, total / tasks + rng.Next(-20, 21));
            var occurred = At(w, day, 8, 0).AddMinutes(rng.Next(0, 8 * 60));
            var activityId = DemoIds.For($"act:{key}:{t}");
            if (occurred <= until)
            {
                batch.Activities.Add(new ActivityItem
                {
                    EventId = activityId, Nip = w.Nip, OccurredAt = occurred, Minutes = minutes,
                    Description = Tasks[rng.Next(Tasks.Length)], Volume = rng.Next(1, 10), Output = "Dokumen",
                });
            }
            if (w.SupervisorNip is null)
            {
                continue;
            }
            var reviewedAt = occurred.AddHours(1 + rng.Next(0, 26));
            var approved = rng.NextDouble() >= w.RejectChance;
            if (reviewedAt <= until)
            {
                batch.Reviews.Add(new ReviewItem
                {
                    EventId = DemoIds.For($"rev:{key}:{t}"), ActivityEventId = activityId, Approved = approved,
                    ReviewerNip = w.SupervisorNip, At = reviewedAt,
                });
            }
            var flippedAt = reviewedAt.AddHours(30);
            if (approved && rng.Next(100) < 3 && flippedAt <= until)
            {
                batch.Reviews.Add(new ReviewItem
                {
                    EventId = DemoIds.For($"rev2:{key}:{t}"), ActivityEventId = activityId, Approved = false,
                    ReviewerNip = w.SupervisorNip, At = flippedAt,
                });
            }
        }
    }

    /// <summary>Continuous feedback: each employee is rated once a month on a day fixed by their NIP.</summary>
    public static void Ratings(DemoWorker w, Period month, DateTimeOffset until, DemoBatch batch)
    {
        var dayOfMonth = 1 + (int)(DemoIds.Stable(w.Nip + "rating") % 27);
        var at = At(w, month.Start.AddDays(dayOfMonth - 1), 10, 0);
        if (at > until)
        {
            return;
        }
        var rng = new Random((int)DemoIds.Stable($"{w.Nip}:{month.Key}:rating"));
        var (min, max) = w.Scores;
        void Add(string role, string aspect) => batch.Ratings.Add(new RatingItem
        {
            EventId = DemoIds.For($"rat:{w.Nip}:{month.Key}:{role}:{aspect}"), Nip = w.Nip, RaterRole = role,
            Aspect = aspect, Score = Math.Clamp(rng.Next(min, max), 1, 5), Period = month.Key, OccurredAt = at,
        });
        if (w.SupervisorNip is not null)
        {
            Add(RaterRole.Atasan, Aspect.HasilKerja);
        }
        foreach (var aspect in Aspect.BerAkhlak)
        {
            Add(w.SupervisorNip is null ? RaterRole.Diri : RaterRole.Atasan, aspect);
            Add(RaterRole.Rekan, aspect);
        }
    }

    /// <summary>A working day's survey-kiosk answers about a unit (deterministic ids, like the rest of the schedule).</summary>
    public static void CitizenDay(string unitId, RegionClock clock, DateOnly day, DateTimeOffset until, DemoBatch batch)
    {
        var rng = new Random((int)DemoIds.Stable($"{unitId}:{day:yyyyMMdd}:ikm"));
        var answers = rng.Next(4, 12);
        for (var i = 0; i < answers; i++)
        {
            var at = clock.StartOfDay(day).AddHours(8).AddMinutes(rng.Next(0, 8 * 60));
            if (at > until)
            {
                continue;
            }
            var answer = CitizenRating(unitId, clock, at, rng);
            batch.Ratings.Add(new RatingItem
            {
                EventId = DemoIds.For($"ikm:{unitId}:{day:yyyyMMdd}:{i}"), UnitId = unitId, RaterRole = answer.RaterRole,
                Aspect = answer.Aspect, Score = answer.Score, Period = answer.Period, OccurredAt = at,
            });
        }
    }

    /// <summary>A citizen's satisfaction answer about a unit (survey kiosk), at a given moment.</summary>
    public static RatingItem CitizenRating(string unitId, RegionClock clock, DateTimeOffset at, Random rng)
    {
        var quality = 3 + (int)(DemoIds.Stable(unitId) % 3); // 3..5: units differ
        return new RatingItem
        {
            EventId = Guid.CreateVersion7(at), UnitId = unitId, RaterRole = RaterRole.Masyarakat,
            Aspect = Aspect.KepuasanLayanan, Score = Math.Clamp(rng.Next(quality - 2, quality + 1), 1, 5),
            Period = Period.MonthOf(clock.LocalDay(at)).Key, OccurredAt = at,
        };
    }

    private static DateTimeOffset At(DemoWorker w, DateOnly day, int hour, int minute) =>
        w.Clock.StartOfDay(day).AddHours(hour).AddMinutes(minute);
}
