using Dapper;
using Kinerja.Core.Reference;
using Npgsql;

namespace Kinerja.Dashboard.Demo;

/// <summary>Writes the demo reference data (idempotent: the same rows every run).</summary>
internal sealed class DemoSeeder(ReferenceRepository reference, NpgsqlDataSource db, ILogger<DemoSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        var data = DemoPopulation.Build();
        await reference.UpsertAsync(data.Regions, data.Units, data.Employees, data.Holidays, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update employee e set tpp_ceiling = t.ceiling
            from unnest(@nips::char(18)[], @ceilings::numeric[]) as t(nip, ceiling)
            where e.nip = t.nip
            """, new { nips = data.TppCeilings.Keys.ToArray(), ceilings = data.TppCeilings.Values.ToArray() },
            cancellationToken: ct));
        logger.LogInformation("Demo data: {Regions} regions, {Units} units, {Employees} employees",
            data.Regions.Count, data.Units.Count, data.Employees.Count);
    }
}
