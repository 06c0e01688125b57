using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Demo mode: two pegawai accounts with passwords, <c>demo-atasan</c> (an employee of the first demo region who has
/// direct reports and a superior of their own) and <c>demo-pegawai</c> (one of demo-atasan's direct reports), so both
/// sides of the superior relation can be tried at once. Printed with their NIPs when created.
/// </summary>
internal static class DemoEmployeeAccess
{
    public const string Pegawai = "demo-pegawai";
    public const string Atasan = "demo-atasan";

    public static async Task AddLinesAsync(IServiceProvider services, string regionId, List<string> lines, CancellationToken ct)
    {
        var users = services.GetRequiredService<UserStore>();
        var accounts = services.GetRequiredService<EmployeeAccountStore>();
        var atasan = await users.FindAsync(Atasan, ct);
        var pegawai = await users.FindAsync(Pegawai, ct);
        if (atasan is not null && pegawai is not null)
        {
            lines.Add($"  atasan    {Atasan} (sudah ada; NIP {atasan.Nip}; reset: users password {Atasan})");
            lines.Add($"  pegawai   {Pegawai} (sudah ada; NIP {pegawai.Nip}, bawahan {Atasan}; reset: users password {Pegawai})");
            return;
        }
        var pair = await PickAsync(services.GetRequiredService<NpgsqlDataSource>(), regionId, atasan?.Nip, ct);
        if (pair is null)
        {
            lines.Add($"  pegawai   (tidak ada pegawai dengan bawahan di {regionId}: akun demo pegawai tidak dibuat)");
            return;
        }
        if (atasan is null)
        {
            var password = Passwords.Generate();
            await accounts.AddAsync(Atasan, pair.Value.Superior, Passwords.Hash(password), "system:demo", ct);
            lines.Add($"  atasan    {Atasan} / {password}  (NIP {pair.Value.Superior}, atasan {Pegawai})");
        }
        else
        {
            lines.Add($"  atasan    {Atasan} (sudah ada; NIP {atasan.Nip}; reset: users password {Atasan})");
        }
        if (pegawai is null)
        {
            var password = Passwords.Generate();
            await accounts.AddAsync(Pegawai, pair.Value.Report, Passwords.Hash(password), "system:demo", ct);
            lines.Add($"  pegawai   {Pegawai} / {password}  (NIP {pair.Value.Report}, bawahan {Atasan})");
        }
        else
        {
            lines.Add($"  pegawai   {Pegawai} (sudah ada; NIP {pegawai.Nip}; reset: users password {Pegawai})");
        }
    }

    /// <summary>
    /// A superior (with a superior of their own, so the chain above can be tried too) and their first direct report
    /// without an account, in NIP order; the superior is <paramref name="superior"/> when that account exists already.
    /// </summary>
    private static async Task<(string Superior, string Report)?> PickAsync(NpgsqlDataSource db, string regionId,
        string? superior, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QueryFirstOrDefaultAsync<(string Superior, string Report)?>(new CommandDefinition("""
            select s.nip::text, r.nip::text
            from employee s
            join unit u on u.id = s.unit_id
            join employee r on r.supervisor_nip = s.nip and r.active
            where u.region_id = @regionId and s.active and s.supervisor_nip is not null
              and (@superior::text is null or s.nip = @superior::char(18))
              and (@superior::text is not null or not exists (select 1 from app_user a where a.nip = s.nip))
              and not exists (select 1 from app_user a where a.nip = r.nip)
            order by s.nip, r.nip
            limit 1
            """, new { regionId, superior }, cancellationToken: ct));
        return row;
    }
}
