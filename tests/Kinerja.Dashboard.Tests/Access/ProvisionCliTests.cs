using System.Security.Cryptography;
using System.Text;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Cli;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary><c>users provision</c> against a real database: accounts, the codes file, idempotence, refusals.</summary>
public sealed class ProvisionCliTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-provision-").FullName;
    private IReadOnlyList<string> _regionA = [];

    public async Task InitializeAsync()
    {
        _regionA = await TestData.SeedUnitWithStaffAsync(db.DataSource, "pv-a", "pv-a-dinas", 3, nipOffset: 8100);
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "pv-b", "pv-b-dinas", 1, nipOffset: 8200);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("update employee set active = false where nip = @nip", new { nip = _regionA[3] });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Directory.Delete(_dir, true);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliCommands.RunAsync([.. args, $"--ConnectionStrings:Kinerja={db.ConnectionString}"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Provision_Region_CreatesPendingAccountsForActiveEmployees_CodesFile0600_RerunCreatesOnlyMissing()
    {
        var first = await RunAsync("users", "provision", "--region", "pv-a", "--out", PathOf("codes.csv"));
        Assert.True(first.Code == 0, first.Output + first.Error);
        Assert.Contains("Created 3 pegawai accounts; 0 already had one", first.Output);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf("codes.csv")));
        }
        var lines = await File.ReadAllLinesAsync(PathOf("codes.csv"));
        Assert.Equal(CodesFile.Header, lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(_regionA.Take(3).Order(StringComparer.Ordinal), rows.Select(r => r[0])); // the one who left is not there
        Assert.All(rows, r => Assert.Equal(r[0], r[2])); // user name = NIP
        Assert.Equal("Kepala pv-a-dinas", rows.Single(r => r[0] == _regionA[0])[1]);
        Assert.All(rows, r => Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$", r[3]));

        await using var conn = await db.DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string Nip, string Role, bool Must, string Hash, DateTime Expires)>("""
            select u.nip::text, u.role, u.must_change_password, c.code_hash, c.expires_at
            from app_user u join activation_code c on c.user_id = u.id join employee e on e.nip = u.nip
            where e.unit_id = 'pv-a-dinas' order by u.nip
            """)).ToList();
        Assert.Equal(3, stored.Count);
        foreach (var row in rows)
        {
            var s = stored.Single(x => x.Nip == row[0]);
            Assert.Equal((AccessRoles.Pegawai, true), (s.Role, s.Must));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row[3].Replace("-", "")))), s.Hash);
            Assert.InRange(s.Expires, DateTime.UtcNow.AddDays(14).AddMinutes(-5), DateTime.UtcNow.AddDays(14).AddMinutes(5));
        }
        Assert.Equal(1L, await conn.ExecuteScalarAsync<long>("select count(*) from audit where action = 'user.provision' and target = 'region:pv-a'"));

        // A newcomer: the re-run creates only their account and leaves the others' codes alone.
        var newcomer = TestNips.Make(8150);
        await TestData.SeedEmployeeAsync(db.DataSource, newcomer, "pv-a-dinas", _regionA[0], name: "Pegawai Baru");
        var second = await RunAsync("users", "provision", "--region", "pv-a", "--out", PathOf("codes-2.csv"),
            "--Kinerja:Access:ActivationCodeDays=3");
        Assert.True(second.Code == 0, second.Output + second.Error);
        Assert.Contains("Created 1 pegawai accounts; 3 already had one", second.Output);
        var again = (await File.ReadAllLinesAsync(PathOf("codes-2.csv"))).Skip(1).ToList();
        Assert.StartsWith(newcomer + ",Pegawai Baru," + newcomer + ",", Assert.Single(again));
        Assert.Equal(stored.Select(s => s.Hash).Order(), (await conn.QueryAsync<string>("""
            select c.code_hash from activation_code c join app_user u on u.id = c.user_id join employee e on e.nip = u.nip
            where e.unit_id = 'pv-a-dinas' and u.nip <> @newcomer
            """, new { newcomer })).Order());
        var expires = await conn.ExecuteScalarAsync<DateTime>(
            "select c.expires_at from activation_code c join app_user u on u.id = c.user_id where u.nip = @newcomer", new { newcomer });
        Assert.InRange(expires, DateTime.UtcNow.AddDays(3).AddMinutes(-5), DateTime.UtcNow.AddDays(3).AddMinutes(5));
    }

    [Fact]
    public async Task Provision_Csv_ReportsBadUnknownAndLeftNipsByLine_AndCreatesTheRest()
    {
        var other = (await RunNipsAsync()).ToList();
        await File.WriteAllTextAsync(PathOf("nips.csv"),
            $"nip,catatan\n{other[0]},ok\n12345,pendek\n{TestNips.Make(8999)},tidak ada\n{_regionA[3]},sudah keluar\n\n{other[1]}\n");
        var run = await RunAsync("users", "provision", "--csv", PathOf("nips.csv"), "--out", PathOf("codes-csv.csv"));
        Assert.Equal(1, run.Code);
        Assert.Contains("line 3: '12345' is not a NIP", run.Error);
        Assert.Contains($"line 4: NIP {TestNips.Make(8999)} is not an active employee", run.Error);
        Assert.Contains($"line 5: NIP {_regionA[3]} is not an active employee", run.Error);
        Assert.Contains("Created 2 pegawai accounts", run.Output);
        var nips = (await File.ReadAllLinesAsync(PathOf("codes-csv.csv"))).Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(other.Order(StringComparer.Ordinal), nips);
    }

    private async Task<IEnumerable<string>> RunNipsAsync()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        return await conn.QueryAsync<string>("select nip::text from employee where unit_id = 'pv-b-dinas' order by nip");
    }

    [Fact]
    public async Task Provision_RefusesAnExistingOutFile_AnUnknownRegion_AndAmbiguousSources()
    {
        await File.WriteAllTextAsync(PathOf("exists.csv"), "kode lama");
        var exists = await RunAsync("users", "provision", "--region", "pv-b", "--out", PathOf("exists.csv"));
        Assert.Equal(1, exists.Code);
        Assert.Contains("exists already", exists.Error);
        Assert.Equal("kode lama", await File.ReadAllTextAsync(PathOf("exists.csv")));

        var unknown = await RunAsync("users", "provision", "--region", "tidak-ada", "--out", PathOf("unknown.csv"));
        Assert.Equal(1, unknown.Code);
        Assert.Contains("Unknown region 'tidak-ada'", unknown.Error);
        Assert.False(File.Exists(PathOf("unknown.csv")));

        var both = await RunAsync("users", "provision", "--region", "pv-b", "--csv", PathOf("exists.csv"), "--out", PathOf("b.csv"));
        Assert.Equal(1, both.Code);
        Assert.Contains("exactly one of --region ID or --csv FILE", both.Error);
        var neither = await RunAsync("users", "provision", "--out", PathOf("n.csv"));
        Assert.Equal(1, neither.Code);
        var missing = await RunAsync("users", "provision", "--csv", PathOf("tidak-ada.csv"), "--out", PathOf("m.csv"));
        Assert.Equal(CliExitCodes.Usage, missing.Code);
        Assert.Contains("File not found", missing.Error);
        Assert.False(File.Exists(PathOf("m.csv")));
    }

    [Fact]
    public async Task Provision_Reissue_GivesNewCodesOnlyToAccountsNotActivated_AndTheOldCodesStopWorking()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "pv-c", "pv-c-dinas", 2, nipOffset: 8400);
        Assert.Equal(0, (await RunAsync("users", "provision", "--region", "pv-c", "--out", PathOf("c-1.csv"))).Code);
        var firstCodes = (await File.ReadAllLinesAsync(PathOf("c-1.csv"))).Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0], r => r[3]);
        var store = new EmployeeAccountStore(db.DataSource);
        var activated = (await new UserStore(db.DataSource).FindAsync(nips[1]))!;
        Assert.True(await store.ActivateAsync(activated.Id, ActivationCodes.Hash(ActivationCodes.Normalize(firstCodes[nips[1]])!),
            Passwords.Hash("kata-sandi-uji-123"), DateTime.UtcNow));

        var plain = await RunAsync("users", "provision", "--region", "pv-c", "--out", PathOf("c-2.csv"));
        Assert.Contains("Created 0 pegawai accounts; 3 already had one", plain.Output);
        Assert.Single(await File.ReadAllLinesAsync(PathOf("c-2.csv"))); // the header only

        var reissue = await RunAsync("users", "provision", "--region", "pv-c", "--reissue", "--out", PathOf("c-3.csv"));
        Assert.True(reissue.Code == 0, reissue.Output + reissue.Error);
        Assert.Contains("Created 0 pegawai accounts; reissued 2 codes; 1 already had one", reissue.Output);
        var newCodes = (await File.ReadAllLinesAsync(PathOf("c-3.csv"))).Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0], r => r[3]);
        Assert.Equal(new[] { nips[0], nips[2] }.Order(StringComparer.Ordinal), newCodes.Keys.Order(StringComparer.Ordinal));
        foreach (var nip in newCodes.Keys)
        {
            var pending = (await store.PendingAsync((await new UserStore(db.DataSource).FindAsync(nip))!.Id))!;
            Assert.True(ActivationCodes.Matches(pending.CodeHash, newCodes[nip]));
            Assert.False(ActivationCodes.Matches(pending.CodeHash, firstCodes[nip]));
        }
    }

    [Fact]
    public async Task UsersAdd_RolePegawai_IsRefused_WithTheWayToProvision()
    {
        var add = await RunAsync("users", "add", "pv-orang", "--role", "pegawai");
        Assert.Equal(1, add.Code);
        Assert.Contains("users provision", add.Error);
    }
}
