using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Npgsql;

namespace Kinerja.Ingest.Bench;

/// <summary>An activity row as all four methods write it.</summary>
internal sealed record BenchRow(Guid EventId, string Nip, DateTimeOffset OccurredAt, DateOnly LocalDay, int Minutes,
    decimal Volume, string Output, string Description, string Skp);

/// <summary>Reference data (5 regions, 20 units, 2,000 employees) and realistic activity rows over them.</summary>
internal static class BenchData
{
    public const int UnitsPerRegion = 4;
    public const int EmployeesPerUnit = 100;

    private static readonly (string Id, string Name, string Tz)[] Regions =
    [
        ("pematangsiantar", "Kota Pematangsiantar", "Asia/Jakarta"),
        ("belawan", "Belawan (Medan)", "Asia/Jakarta"),
        ("pauh", "Pauh (Padang)", "Asia/Jakarta"),
        ("asemrowo", "Asemrowo (Surabaya)", "Asia/Jakarta"),
        ("manokwari", "Kabupaten Manokwari", "Asia/Jayapura"),
    ];

    private static readonly string[] Units = ["disdik", "dinkes", "dukcapil", "bappeda"];

    private static readonly string[] Tasks =
    [
        "Menyusun laporan kegiatan bulanan", "Memverifikasi berkas permohonan izin", "Rapat koordinasi program kerja",
        "Melayani pengaduan masyarakat", "Menginput data kependudukan", "Menyiapkan bahan paparan pimpinan",
        "Monitoring pelaksanaan program", "Mengarsipkan surat masuk dan keluar",
    ];

    public static string Nip(int n)
    {
        var birth = new DateOnly(1970, 1, 1).AddDays(n / 1000 % 9000);
        var start = new DateOnly(birth.Year + 22, 1 + n % 12, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{birth:yyyyMMdd}{start:yyyyMM}1{n % 1000:D3}");
    }

    /// <summary>The seeded employees as (nip, unit, region, time zone), in seeding order (for in-memory reference data).</summary>
    public static IEnumerable<(string Nip, string Unit, string Region, string Tz)> Employees()
    {
        var n = 0;
        foreach (var r in Regions)
        {
            foreach (var u in Units)
            {
                for (var e = 0; e < EmployeesPerUnit; e++, n++)
                {
                    yield return (Nip(n), $"{u}-{r.Id}", r.Id, r.Tz);
                }
            }
        }
    }

    public static int EmployeeCount => Regions.Length * UnitsPerRegion * EmployeesPerUnit;

    public static async Task SeedAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        foreach (var r in Regions)
        {
            await conn.ExecuteAsync("insert into region (id, name, tz) values (@Id, @Name, @Tz)", new { r.Id, r.Name, r.Tz });
        }
        var nips = new List<string>();
        var units = new List<string>();
        var supervisors = new List<string?>();
        var n = 0;
        foreach (var r in Regions)
        {
            foreach (var u in Units)
            {
                var unit = $"{u}-{r.Id}";
                await conn.ExecuteAsync("insert into unit (id, region_id, name) values (@unit, @region, @unit)", new { unit, region = r.Id });
                var head = Nip(n);
                for (var e = 0; e < EmployeesPerUnit; e++, n++)
                {
                    nips.Add(Nip(n));
                    units.Add(unit);
                    supervisors.Add(e == 0 ? null : head);
                }
            }
        }
        await conn.ExecuteAsync("""
            insert into employee (nip, name, unit_id, status, supervisor_nip)
            select nip, 'Pegawai ' || nip, unit, 'PNS', sup from unnest(@nips, @units, @supervisors) as t(nip, unit, sup)
            """, new { nips = nips.ToArray(), units = units.ToArray(), supervisors = supervisors.ToArray() });
    }

    /// <summary>Rows spread over employees and workdays, two per employee-day (well under the daily maximum).</summary>
    public static BenchRow[] Generate(int count, int seed, DateOnly firstDay)
    {
        var random = new Random(seed);
        var clocks = new Dictionary<string, RegionClock>();
        var rows = new BenchRow[count];
        var employees = EmployeeCount;
        for (var i = 0; i < count; i++)
        {
            var emp = i % employees;
            var k = i / employees;
            var region = Regions[emp / (UnitsPerRegion * EmployeesPerUnit)];
            if (!clocks.TryGetValue(region.Tz, out var clock))
            {
                clocks[region.Tz] = clock = new RegionClock(region.Tz);
            }
            var day = firstDay.AddDays(k / 2);
            var local = day.ToDateTime(new TimeOnly(8 + k % 2 * 4, random.Next(0, 180) % 60));
            var at = new DateTimeOffset(local, clock.TimeZone.GetUtcOffset(local));
            rows[i] = new BenchRow(Guid.NewGuid(), Nip(emp), at, clock.LocalDay(at), 30 + random.Next(0, 170),
                1 + random.Next(0, 5), "dokumen", Tasks[random.Next(Tasks.Length)], $"SKP-{random.Next(1, 9)}");
        }
        return rows;
    }

    public static ActivityItem ToItem(BenchRow r) => new()
    {
        EventId = r.EventId, Nip = r.Nip, OccurredAt = r.OccurredAt, Minutes = r.Minutes, Volume = r.Volume,
        Output = r.Output, Description = r.Description, SkpIndicator = r.Skp,
    };

    public static async Task WriteCsvAsync(string path, BenchRow[] rows)
    {
        await using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        foreach (var r in rows)
        {
            await w.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{r.EventId},{r.Nip},{r.OccurredAt:O},{r.LocalDay:yyyy-MM-dd},{r.Minutes},{r.Volume},{r.Output},{r.Description},{r.Skp}"));
        }
    }

    public static async Task WriteNdjsonAsync(string path, IEnumerable<BenchRow> rows)
    {
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        await using var json = new Utf8JsonWriter(stream);
        foreach (var r in rows)
        {
            json.WriteStartObject();
            json.WriteString("eventId", r.EventId);
            json.WriteString("nip", r.Nip);
            json.WriteString("occurredAt", r.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            json.WriteNumber("minutes", r.Minutes);
            json.WriteNumber("volume", r.Volume);
            json.WriteString("output", r.Output);
            json.WriteString("description", r.Description);
            json.WriteString("skpIndicator", r.Skp);
            json.WriteEndObject();
            await json.FlushAsync();
            stream.WriteByte((byte)'\n');
            json.Reset(stream);
        }
    }
}
