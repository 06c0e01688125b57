using System.Globalization;
using Kinerja.Core.Domain;
using Kinerja.Core.Reference;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// Builds the demo reference data deterministically: five regions, 5-8 units each, a few hundred
/// employees per region with valid fictional NIPs and a supervisor hierarchy
/// (kepala dinas → kepala bidang → staff).
/// </summary>
internal static class DemoPopulation
{
    public sealed record Data(List<Region> Regions, List<Unit> Units, List<Employee> Employees,
        List<Holiday> Holidays, Dictionary<string, decimal> TppCeilings);

    public static Data Build(int seed = 20261125)
    {
        var rng = new Random(seed);
        var data = new Data([], [], [], [], []);
        var usedNips = new HashSet<string>();
        foreach (var demo in DemoCatalog.Regions)
        {
            data.Regions.Add(demo.Region);
            data.Holidays.AddRange(DemoCatalog.Holidays2026.Select(h => new Holiday(demo.Region.Id, h.Day, h.Name)));
            foreach (var key in demo.UnitKeys)
            {
                var unit = new Unit($"{demo.Region.Id}-{key}", demo.Region.Id, DemoCatalog.UnitNames[key]);
                data.Units.Add(unit);
                var head = NewEmployee(rng, usedNips, demo, unit,
                    unit.Name.StartsWith("Badan", StringComparison.Ordinal) ? "Kepala Badan" : "Kepala Dinas", null, data);
                data.TppCeilings[head.Nip] = 12_500_000m;
                var bidangCount = rng.Next(2, 4);
                var heads = new List<Employee>();
                for (var b = 0; b < bidangCount; b++)
                {
                    var kabid = NewEmployee(rng, usedNips, demo, unit, "Kepala Bidang", head.Nip, data);
                    data.TppCeilings[kabid.Nip] = 8_000_000m;
                    heads.Add(kabid);
                }
                var staff = rng.Next(30, 56);
                for (var s = 0; s < staff; s++)
                {
                    var boss = heads[s % heads.Count];
                    var e = NewEmployee(rng, usedNips, demo, unit,
                        DemoCatalog.StaffPositions[rng.Next(DemoCatalog.StaffPositions.Length)], boss.Nip, data);
                    data.TppCeilings[e.Nip] = 3_500_000m + 250_000m * rng.Next(0, 6);
                }
            }
        }
        return data;
    }

    private static Employee NewEmployee(Random rng, HashSet<string> used, DemoCatalog.DemoRegion region, Unit unit,
        string position, string? supervisor, Data data)
    {
        var female = rng.Next(2) == 1;
        var first = female
            ? DemoCatalog.FemaleNames[rng.Next(DemoCatalog.FemaleNames.Length)]
            : DemoCatalog.MaleNames[rng.Next(DemoCatalog.MaleNames.Length)];
        var name = $"{first} {region.Surnames[rng.Next(region.Surnames.Length)]}";
        var status = supervisor is null ? EmployeeStatus.Pns : rng.Next(100) switch
        {
            < 75 => EmployeeStatus.Pns,
            < 90 => EmployeeStatus.Pppk,
            _ => EmployeeStatus.Cpns,
        };
        string nip;
        do
        {
            var birth = new DateOnly(1966, 1, 1).AddDays(rng.Next(0, 365 * 34));
            var startYear = status == EmployeeStatus.Cpns ? 2025 : Math.Min(2024, birth.Year + rng.Next(22, 31));
            var start = new DateOnly(startYear, rng.Next(1, 13), 1);
            nip = string.Create(CultureInfo.InvariantCulture,
                $"{birth:yyyyMMdd}{start:yyyyMM}{(female ? '2' : '1')}{rng.Next(1, 1000):D3}");
        }
        while (!used.Add(nip) || !Nip.TryParse(nip, out _));
        var employee = new Employee(nip, name, unit.Id, position, status, supervisor);
        data.Employees.Add(employee);
        return employee;
    }
}
