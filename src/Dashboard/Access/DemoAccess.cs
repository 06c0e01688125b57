using Kinerja.Dashboard.Demo;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Demo mode: one user per role (<c>demo-pimpinan</c> with the first demo region, <c>demo-sdm</c>, <c>demo-admin</c>),
/// two employees of the first demo region (<c>demo-atasan</c> and their direct report <c>demo-pegawai</c>,
/// <see cref="DemoEmployeeAccess"/>) with random passwords, and a source <c>demo-sumber</c> scoped to every demo region. Credentials and the key are
/// printed only when created (only hashes are stored); later starts print that they exist.
/// </summary>
public static class DemoAccess
{
    public const string SourceName = "demo-sumber";

    /// <summary>Creates what is missing and returns the lines to print (also written to the console).</summary>
    public static async Task<IReadOnlyList<string>> EnsureDemoAccessAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var users = services.GetRequiredService<UserStore>();
        var sources = services.GetRequiredService<SourceStore>();
        var regions = DemoCatalog.Regions.Select(r => r.Region.Id).ToList();
        var lines = new List<string>();
        foreach (var role in AccessRoles.All)
        {
            var name = "demo-" + role;
            if (await users.FindAsync(name, ct) is not null)
            {
                lines.Add($"  {role,-9} {name} (sudah ada; kata sandi dicetak saat dibuat; reset: users password {name})");
                continue;
            }
            var password = Passwords.Generate();
            await users.AddAsync(name, role, "Demo " + role, Passwords.Hash(password), "system:demo", ct);
            if (role == AccessRoles.Pimpinan)
            {
                await users.GrantAsync(name, regions.Take(1).ToList(), "system:demo", ct);
            }
            lines.Add($"  {role,-9} {name} / {password}" + (role == AccessRoles.Pimpinan ? $"  (wilayah: {regions[0]})" : ""));
        }
        await DemoEmployeeAccess.AddLinesAsync(services, regions[0], lines, ct);
        if (await sources.FindByNameAsync(SourceName, ct) is null)
        {
            var created = await sources.AddAsync(SourceName, regions.Select(r => "region:" + r).ToList(), "system:demo", ct);
            lines.Add($"  sumber    {SourceName}: Authorization: Bearer {created.Key}");
        }
        else
        {
            lines.Add($"  sumber    {SourceName} (sudah ada; kunci dicetak saat dibuat; buat baru: sources add)");
        }
        Console.WriteLine();
        Console.WriteLine("Akun demo (masuk di /masuk):");
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
        Console.WriteLine();
        return lines;
    }
}
