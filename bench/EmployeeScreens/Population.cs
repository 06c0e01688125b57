using System.Globalization;
using System.Text.Json;

namespace Kinerja.Bench.EmployeeScreens;

/// <summary>One employee of the bench (a report or a superior), with its unit and direct superior.</summary>
public sealed record Person(string Nip, string Name, string UnitId, string? SupervisorNip);

/// <summary>
/// The bench's people: one region (WIB), units of <c>perSuperior</c> reports under one superior each, every person
/// a valid 18-digit NIP (birth date, service start, gender, sequence). Written as a reference-import JSON file.
/// </summary>
public sealed class Population
{
    public const string RegionId = "bench-pegawai";
    public const string TimeZone = "Asia/Jakarta";

    public Population(int employees, int perSuperior)
    {
        var superiors = (employees + perSuperior - 1) / perSuperior;
        var bosses = new List<Person>();
        var reports = new List<Person>();
        for (var u = 0; u < superiors; u++)
        {
            var unit = "bench-unit-" + u.ToString("D4", CultureInfo.InvariantCulture);
            var boss = new Person(MakeNip(u, 0), $"Atasan {u}", unit, null);
            bosses.Add(boss);
            for (var k = 0; k < perSuperior && reports.Count < employees; k++)
            {
                reports.Add(new Person(MakeNip(u, k + 1), $"Pegawai {u}-{k}", unit, boss.Nip));
            }
        }
        Superiors = bosses;
        Reports = reports;
    }

    /// <summary>The employees whose screens are measured.</summary>
    public IReadOnlyList<Person> Reports { get; }

    /// <summary>The superiors who approve (one per unit).</summary>
    public IReadOnlyList<Person> Superiors { get; }

    public IEnumerable<Person> Everyone => Superiors.Concat(Reports);

    /// <summary>Writes the reference-import file (<c>import reference</c>, src/Dashboard/Reference/README.md).</summary>
    public void WriteReference(string path)
    {
        var doc = new
        {
            regions = new[] { new { id = RegionId, name = "Kabupaten Bench", timeZone = TimeZone } },
            units = Superiors.Select(s => new { id = s.UnitId, regionId = RegionId, name = "Unit " + s.UnitId[11..] }).ToArray(),
            employees = Everyone.Select(p => new
            {
                nip = p.Nip, name = p.Name, unitId = p.UnitId, position = p.SupervisorNip is null ? "Kepala Unit" : "Pelaksana",
                status = "PNS", supervisorNip = p.SupervisorNip,
            }).ToArray(),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(doc));
    }

    // birth date from the unit (1960-01-01 + unit days), service start 2005-01, gender 1, sequence = place in the unit
    private static string MakeNip(int unit, int seq) =>
        new DateOnly(1960, 1, 1).AddDays(unit).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "200501" + "1"
        + seq.ToString("D3", CultureInfo.InvariantCulture);
}
