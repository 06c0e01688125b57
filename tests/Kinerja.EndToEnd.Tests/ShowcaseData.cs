using System.Globalization;
using System.Net.Http.Json;
using Dapper;
using Kinerja.Testing;
using Npgsql;

namespace Kinerja.EndToEnd.Tests;

/// <summary>
/// A region that looks like a real one on the screens: seven agencies (one below the public
/// minimum), named staff, this month's activity history with reviews, today's attendance, citizen
/// satisfaction for six months, predicates and past triggers. Reference rows, predicates and past
/// triggers are written with SQL (they come from HR systems and the rules); every event goes
/// through the ingest HTTP API.
/// </summary>
public sealed class ShowcaseData
{
    public const string RegionId = "pematangsiantar";
    public const string RegionName = "Kota Pematangsiantar";
    public const string SmallUnit = "inspektorat";

    private static readonly (string Id, string Name, int Staff, string? Predikat, double Diligence)[] UnitSpecs =
    [
        ("dinas-pendidikan", "Dinas Pendidikan", 14, "BAIK", 0.85),
        ("dinas-kesehatan", "Dinas Kesehatan", 12, "ISTIMEWA", 0.95),
        ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", 10, "BAIK", 0.8),
        ("dinas-perhubungan", "Dinas Perhubungan", 9, "BUTUH_PERBAIKAN", 0.55),
        ("bappeda", "Badan Perencanaan Pembangunan Daerah", 8, "BAIK", 0.75),
        ("dpmptsp", "Dinas Penanaman Modal dan PTSP", 7, null, 0.65),
        (SmallUnit, "Inspektorat", 3, null, 0.9),
    ];

    private static readonly string[] Given = ["Siti", "Budi", "Rina", "Agus", "Dewi", "Hendra", "Maria", "Yohanes", "Nur", "Rudi",
        "Lestari", "Joko", "Fitri", "Andi", "Ratna", "Tono", "Sri", "Bambang", "Intan", "Dedi"];

    private static readonly string[] Family = ["Simanjuntak", "Siregar", "Nasution", "Lubis", "Harahap", "Sinaga", "Purba",
        "Saragih", "Damanik", "Sitorus", "Hutapea", "Manurung"];

    public sealed record Person(string Nip, string Name, string UnitId, double Diligence);

    public IReadOnlyList<Person> People { get; private init; } = [];

    public IEnumerable<string> UnitIds => UnitSpecs.Select(u => u.Id);

    public IReadOnlyList<Person> InUnit(string unitId) => People.Where(p => p.UnitId == unitId).ToArray();

    public static async Task<ShowcaseData> SeedReferenceAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("insert into region (id, name, tz) values (@RegionId, @RegionName, 'Asia/Jakarta')",
            new { RegionId, RegionName });
        var people = new List<Person>();
        var n = 0;
        foreach (var (id, name, staff, predikat, diligence) in UnitSpecs)
        {
            await conn.ExecuteAsync("insert into unit (id, region_id, name, predikat) values (@id, @RegionId, @name, @predikat)",
                new { id, RegionId, name, predikat });
            for (var i = 0; i < staff; i++, n++)
            {
                var nip = TestNips.Make(1000 + n, n % 2 == 0 ? '2' : '1');
                var person = new Person(nip, $"{Given[n % Given.Length]} {Family[(n * 7 + i) % Family.Length]}", id, diligence);
                await conn.ExecuteAsync("""
                    insert into employee (nip, name, unit_id, position, status, supervisor_nip)
                    values (@Nip, @Name, @UnitId, @position, 'PNS', @supervisor)
                    """, new { person.Nip, person.Name, person.UnitId, position = i == 0 ? "Kepala" : "Pelaksana",
                    supervisor = i == 0 ? null : people.First(p => p.UnitId == id).Nip });
                people.Add(person);
            }
        }
        return new ShowcaseData { People = people };
    }

    /// <summary>This month's history up to yesterday and part of today, through the ingest API.</summary>
    public async Task SeedHistoryAsync(HttpClient http)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");
        var now = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone);
        var today = DateOnly.FromDateTime(now.DateTime);
        var random = new Random(20261125);
        var activities = new List<object>();
        var reviews = new List<object>();
        for (var day = new DateOnly(today.Year, today.Month, 1); day < today; day = day.AddDays(1))
        {
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }
            foreach (var p in People)
            {
                if (random.NextDouble() > p.Diligence)
                {
                    continue;
                }
                var id = Guid.NewGuid();
                var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(15, 0)), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
                activities.Add(Activity(id, p.Nip, at, 240 + random.Next(0, 180)));
                var supervisor = People.First(x => x.UnitId == p.UnitId).Nip;
                if (supervisor != p.Nip && random.NextDouble() < 0.85)
                {
                    reviews.Add(new { eventId = Guid.NewGuid(), activityEventId = id, approved = random.NextDouble() < 0.93,
                        reviewerNip = supervisor, at = at.AddHours(2) });
                }
            }
        }
        // Today so far: the diligent half has filed already.
        var todayAt = DateTimeOffset.UtcNow.AddMinutes(-30);
        foreach (var p in People.Where((p, i) => random.NextDouble() < p.Diligence * 0.6))
        {
            activities.Add(Activity(Guid.NewGuid(), p.Nip, todayAt, 90 + random.Next(0, 120)));
        }
        await PostAllAsync(http, "/api/v1/activities", activities);
        await PostAllAsync(http, "/api/v1/reviews", reviews);
        var statuses = new[] { "hadir", "hadir", "hadir", "hadir", "hadir", "hadir", "terlambat", "izin", "sakit", "cuti", "dinas_luar", "tanpa_keterangan" };
        var attendance = People.Where(_ => random.NextDouble() < 0.9)
            .Select(p => new { eventId = Guid.NewGuid(), nip = p.Nip, day = today, status = statuses[random.Next(statuses.Length)],
                lateMinutes = 0 })
            .Select(a => a.status == "terlambat" ? (object)(a with { lateMinutes = 25 }) : a).ToList();
        await PostAllAsync(http, "/api/v1/attendance", attendance);
        var ratings = new List<object>();
        var month = new DateOnly(today.Year, today.Month, 1);
        foreach (var (unitId, _, _, _, diligence) in UnitSpecs)
        {
            for (var m = 5; m >= 0; m--)
            {
                var period = month.AddMonths(-m);
                for (var k = 0; k < 12; k++)
                {
                    var score = Math.Clamp((int)Math.Round(2.6 + diligence * 2 + random.NextDouble() * 1.2 - 0.6 + (5 - m) * 0.05), 1, 5);
                    var at = m == 0 ? DateTimeOffset.UtcNow.AddHours(-2) : new DateTimeOffset(period.AddDays(10).ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero);
                    ratings.Add(new { eventId = Guid.NewGuid(), unitId, raterRole = "masyarakat", aspect = "kepuasan_layanan", score,
                        period = period.ToString("yyyy-MM", CultureInfo.InvariantCulture), occurredAt = at });
                }
            }
        }
        // This month's employee ratings (the superior's hasil kerja, BerAKHLAK from superior and peers): the
        // rules' inputs, so the live rules evaluation derives this month's predicates (the kurva) itself.
        var aspects = new[] { "berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif" };
        var thisMonth = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        foreach (var p in People)
        {
            // per person a level around the unit's diligence, so units differ and each has a spread
            var level = Math.Clamp(1.6 + p.Diligence * 3.2 + (random.NextDouble() - 0.5) * 2.2, 1, 5);
            int Score() => Math.Clamp((int)Math.Round(level + (random.NextDouble() - 0.5) * 0.8), 1, 5);
            ratings.Add(EmployeeRating(p.Nip, "atasan", "hasil_kerja", Score(), thisMonth));
            foreach (var aspect in aspects)
            {
                ratings.Add(EmployeeRating(p.Nip, "atasan", aspect, Score(), thisMonth));
                ratings.Add(EmployeeRating(p.Nip, "rekan", aspect, Score(), thisMonth));
            }
        }
        await PostAllAsync(http, "/api/v1/ratings", ratings);
    }

    private static object EmployeeRating(string nip, string raterRole, string aspect, int score, string period) => new
    {
        eventId = Guid.NewGuid(), nip, raterRole, aspect, score, period, occurredAt = DateTimeOffset.UtcNow.AddHours(-3),
    };

    /// <summary>
    /// Past triggers (the rules' output) written directly. This month's predicates are NOT written here: the
    /// live rules own <c>employee_period_level</c> for the current month and would overwrite them (with no
    /// predicate when the inputs do not support one), so they come from the seeded ratings instead.
    /// </summary>
    public async Task SeedRuleOutputAsync(NpgsqlDataSource db)
    {
        var random = new Random(7);
        await using var conn = await db.OpenConnectionAsync();
        var codes = new[] { ("REWARD", "SERTIFIKAT_KINERJA"), ("REWARD", "PRIORITAS_PELATIHAN"), ("COACHING", "PEMBINAAN_ATASAN"),
            ("COACHING", "RENCANA_PERBAIKAN"), ("SANCTION", "TEGURAN_LISAN"), ("SANCTION", "TEGURAN_TERTULIS") };
        var month = DateTime.UtcNow;
        var recent = 0;
        for (var m = 5; m >= 0; m--)
        {
            var key = month.AddMonths(-m).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            foreach (var p in People.Where(_ => random.NextDouble() < 0.18))
            {
                var (kind, code) = p.Diligence > 0.8 ? codes[random.Next(2)] : codes[2 + random.Next(4)];
                var fired = m == 0 ? DateTime.UtcNow.AddMinutes(-3 - recent++ * 11) : month.AddMonths(-m).AddDays(-3);
                await conn.ExecuteAsync("""
                    insert into "trigger" (kind, code, nip, period, workflow, version, rule, fired_at)
                    values (@kind, @code, @Nip, @key, 'tindak_lanjut', 1, @code, @fired) on conflict do nothing
                    """, new { kind, code, p.Nip, key, fired });
            }
        }
    }

    private static object Activity(Guid id, string nip, DateTimeOffset at, int minutes) => new
    {
        eventId = id, nip, occurredAt = at, minutes, description = "Pelayanan dan administrasi", output = "dokumen", volume = 1,
    };

    public static async Task PostAllAsync(HttpClient http, string path, List<object> items)
    {
        foreach (var chunk in items.Chunk(500))
        {
            using var response = await http.PostAsJsonAsync(path, chunk);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !body.Contains("\"rejected\":0", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 800)]}");
            }
        }
    }
}
