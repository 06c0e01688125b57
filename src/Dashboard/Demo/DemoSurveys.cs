using Kinerja.Core.Domain;
using Kinerja.Core.Survey;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// Simulated citizen surveys (issue 18): each unit has its own level of service, so the demo regions show differing
/// grades (a few units A, most B or C, a few D), and within a unit the elements differ the way real reports do (waiting
/// time and complaint handling lowest, cost highest). Some answers name a service or the officer who served; a few carry
/// a complaint or suggestion, more often at the weaker units.
/// </summary>
internal static class DemoSurveys
{
    /// <summary>Offsets of u1..u9 from the unit's mean: U3 (waktu) and U8 (pengaduan) pull down, U4 (biaya) lifts.</summary>
    private static readonly double[] ElementOffsets = [0.05, -0.05, -0.25, 0.3, 0.05, 0.1, 0.05, -0.3, 0.05];

    private static readonly string[] Services = ["loket-umum", "perizinan", "informasi"];

    private static readonly string[] Comments =
    [
        "Antrean terlalu lama, mohon ditambah petugas loket.",
        "Petugas ramah dan cepat, terima kasih.",
        "Persyaratan di papan informasi berbeda dengan yang diminta petugas.",
        "Ruang tunggu panas, kipas angin rusak.",
        "Mohon layanan daring agar tidak perlu datang dua kali.",
        "Pengaduan saya bulan lalu belum dijawab.",
        "Toilet kotor dan tidak ada air.",
    ];

    /// <summary>The unit's mean answer (1-4): about a fifth of units near A, most B or C, one in ten D.</summary>
    public static double UnitMean(string unitId) => (DemoIds.Stable(unitId + ":skm") % 10) switch
    {
        0 or 1 => 3.72,
        2 or 3 or 4 => 3.3,
        5 => 3.05,
        6 or 7 => 2.85,
        8 => 3.15,
        _ => 2.35,
    };

    /// <summary>A working day's surveys of a unit (deterministic ids, like the rest of the schedule).</summary>
    public static void Day(string unitId, IReadOnlyList<string> officers, RegionClock clock, DateOnly day, DateTimeOffset until,
        DemoBatch batch)
    {
        var rng = new Random((int)DemoIds.Stable($"{unitId}:{day:yyyyMMdd}:skm"));
        var count = rng.Next(3, 9);
        for (var i = 0; i < count; i++)
        {
            var at = clock.StartOfDay(day).AddHours(8).AddMinutes(rng.Next(0, 8 * 60));
            if (at <= until)
            {
                batch.Surveys.Add(Answer(unitId, officers, at, rng, DemoIds.For($"skm:{unitId}:{day:yyyyMMdd}:{i}")));
            }
        }
    }

    /// <summary>One citizen's survey of a unit at <paramref name="at"/>.</summary>
    public static SurveyItem Answer(string unitId, IReadOnlyList<string> officers, DateTimeOffset at, Random rng, Guid? id = null)
    {
        var mean = UnitMean(unitId);
        var a = new int[SurveyElements.Count];
        var mood = Noise(rng) * 0.35; // one respondent answers a bit higher or lower throughout
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = Math.Clamp((int)Math.Round(mean + ElementOffsets[i] + mood + Noise(rng) * 0.45), SurveyElements.MinAnswer,
                SurveyElements.MaxAnswer);
        }
        var complains = rng.NextDouble() < (mean < 3 ? 0.2 : 0.06);
        return new SurveyItem
        {
            EventId = id ?? Guid.CreateVersion7(at), UnitId = unitId, SubmittedAt = at,
            ServiceId = rng.NextDouble() < 0.6 ? Services[rng.Next(Services.Length)] : null,
            OfficerNip = officers.Count > 0 && rng.NextDouble() < 0.3 ? officers[rng.Next(officers.Count)] : null,
            U1 = a[0], U2 = a[1], U3 = a[2], U4 = a[3], U5 = a[4], U6 = a[5], U7 = a[6], U8 = a[7], U9 = a[8],
            AgeBand = rng.NextDouble() < 0.7 ? SurveyElements.AgeBands[rng.Next(1, 5)] : null,
            Sex = rng.NextDouble() < 0.7 ? SurveyElements.Sexes[rng.Next(2)] : null,
            Education = rng.NextDouble() < 0.5 ? SurveyElements.Educations[rng.Next(1, 5)] : null,
            Occupation = rng.NextDouble() < 0.5 ? SurveyElements.Occupations[rng.Next(SurveyElements.Occupations.Count)] : null,
            Comment = complains ? Comments[rng.Next(Comments.Length)] : null,
        };
    }

    /// <summary>A rough standard normal (sum of three uniforms), enough for answer spread.</summary>
    private static double Noise(Random rng) => (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 2;
}
