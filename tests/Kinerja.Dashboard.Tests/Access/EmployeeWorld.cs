using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// The real server on Kestrel (a free port on 127.0.0.1) with the production sign-in only (no test header scheme), so
/// tests sign in through <c>/masuk</c> (<see cref="FormSignIn"/>) and connect real HubConnections with the cookie.
/// </summary>
public class EmployeeServerFactory : KinerjaAppFactory
{
    private readonly Lock _gate = new();
    private Uri? _baseUri;

    protected override bool TestSignIn => false;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Access:LoginAttemptsPerMinute"] = "1000",
    };

    /// <summary>Starts the Kestrel server on first use; its base address.</summary>
    public Uri BaseUri
    {
        get
        {
            lock (_gate)
            {
                if (_baseUri is null)
                {
                    UseKestrel(0);
                    StartServer();
                    var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
                    _baseUri = new Uri(addresses.Addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1"));
                }
                return _baseUri;
            }
        }
    }
}

/// <summary>
/// A small organisation for access tests. Region <c>{prefix}-a</c>: unit dinas with kepala K → kabid B → staff S1, S2
/// (peers), and a second unit with U; region <c>{prefix}-b</c>: O. Every one of them has a pegawai account named
/// <c>{prefix}-k</c>, <c>{prefix}-b</c>, ... with <see cref="Password"/>; plus an admin, an sdm and a pimpinan of
/// region a without a NIP.
/// </summary>
public sealed record EmployeeWorld(string Prefix, string K, string B, string S1, string S2, string U, string O)
{
    public const string Password = "rahasia-uji-123";

    public string RegionA => Prefix + "-a";
    public string RegionB => Prefix + "-b";
    public string UnitA => Prefix + "-a-dinas";

    public string Account(string who) => $"{Prefix}-{who}";

    /// <summary>Seeds the organisation and its accounts once per database (later calls return the same world).</summary>
    public static async Task<EmployeeWorld> SeedAsync(NpgsqlDataSource db, IServiceProvider services, string prefix, int nipOffset)
    {
        var world = new EmployeeWorld(prefix, TestNips.Make(nipOffset), TestNips.Make(nipOffset + 1), TestNips.Make(nipOffset + 2),
            TestNips.Make(nipOffset + 3, '2'), TestNips.Make(nipOffset + 4), TestNips.Make(nipOffset + 5, '2'));
        if (await services.GetRequiredService<UserStore>().FindAsync(world.Account("admin")) is not null)
        {
            return world;
        }
        await TestData.SeedRegionAsync(db, world.RegionA);
        await TestData.SeedRegionAsync(db, world.RegionB);
        await TestData.SeedUnitAsync(db, world.UnitA, world.RegionA);
        await TestData.SeedUnitAsync(db, prefix + "-a-lain", world.RegionA);
        await TestData.SeedUnitAsync(db, prefix + "-b-dinas", world.RegionB);
        await TestData.SeedEmployeeAsync(db, world.K, world.UnitA, name: "Kepala Dinas Uji");
        await TestData.SeedEmployeeAsync(db, world.B, world.UnitA, world.K, name: "Kepala Bidang Uji");
        await TestData.SeedEmployeeAsync(db, world.S1, world.UnitA, world.B, name: "Staf Satu");
        await TestData.SeedEmployeeAsync(db, world.S2, world.UnitA, world.B, name: "Staf Dua");
        await TestData.SeedEmployeeAsync(db, world.U, prefix + "-a-lain", name: "Pegawai Unit Lain");
        await TestData.SeedEmployeeAsync(db, world.O, prefix + "-b-dinas", name: "Pegawai Wilayah Lain");
        var accounts = services.GetRequiredService<EmployeeAccountStore>();
        var users = services.GetRequiredService<UserStore>();
        var hash = Passwords.Hash(Password);
        foreach (var (who, nip) in new[] { ("k", world.K), ("b", world.B), ("s1", world.S1), ("s2", world.S2), ("u", world.U), ("o", world.O) })
        {
            await accounts.AddAsync(world.Account(who), nip, hash, "test");
        }
        await users.AddAsync(world.Account("admin"), AccessRoles.Admin, "", hash, "test");
        await users.AddAsync(world.Account("sdm"), AccessRoles.Sdm, "", hash, "test");
        await users.AddAsync(world.Account("pimpinan"), AccessRoles.Pimpinan, "", hash, "test");
        await users.GrantAsync(world.Account("pimpinan"), [world.RegionA], "test");
        // The employees were inserted behind the running server's back. Ingest reloads its reference data on a miss at
        // most once a second, so an activity posted right away could be refused as "No employee with NIP … is
        // registered" when the server loaded its reference data less than a second before this seed.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        return world;
    }
}
