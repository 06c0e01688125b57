using Dapper;
using Kinerja.Core.Reference;
using Kinerja.Dashboard.Cli;
using Kinerja.Dashboard.Reference;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Reference;

public sealed class ReferenceImportTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-import-").FullName;

    private ReferenceImporter Importer => new(new ReferenceRepository(db.DataSource), new Kinerja.Dashboard.Access.EmployeeAccountStore(db.DataSource));

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Import_GoodCsvFiles_StoresEveryKind()
    {
        var head = TestNips.Make(5001);
        var staff = TestNips.Make(5002, '2');
        Assert.Empty((await Importer.ImportAsync(Write("regions.csv",
            "id,name,timeZone,monthlyTargetMinutes\nkota-a,Kota A,Asia/Makassar,7000\n"), default)).Errors);
        Assert.Empty((await Importer.ImportAsync(Write("units.csv", "id,regionId,name\nkota-a-bkd,kota-a,BKPSDM\n"), default)).Errors);
        var result = await Importer.ImportAsync(Write("employees.csv",
            $"nip;name;unitId;position;status;supervisorNip\n{staff};Siti Rahayu;kota-a-bkd;Analis;pppk;{head}\n{head};Budi Santoso;kota-a-bkd;Kepala;PNS;\n"),
            default);
        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Employees);
        Assert.Empty((await Importer.ImportAsync(Write("holidays.csv", "regionId,day,name\nkota-a,2026-12-25,Natal\n"), default)).Errors);

        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal("Asia/Makassar", await conn.ExecuteScalarAsync<string>("select tz from region where id = 'kota-a'"));
        Assert.Equal(7000, await conn.ExecuteScalarAsync<int>("select monthly_target_minutes from region where id = 'kota-a'"));
        Assert.Equal(head, await conn.ExecuteScalarAsync<string>("select supervisor_nip from employee where nip = @staff", new { staff }));
        Assert.Equal("PPPK", await conn.ExecuteScalarAsync<string>("select status from employee where nip = @staff", new { staff }));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from holiday where region_id = 'kota-a'"));
    }

    [Fact]
    public async Task Import_MalformedCsvRows_ReportedByLineNumber_GoodRowsKept()
    {
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "kota-b", "kota-b-dinkes", 0, nipOffset: 6000);
        var good = TestNips.Make(6100);
        var csv = string.Join('\n',
            "nip,name,unitId,position,status,supervisorNip",
            $"{good},Andi Lubis,kota-b-dinkes,Perawat,PNS,",                  // line 2: good
            "12345,Pendek,kota-b-dinkes,Staf,PNS,",                            // line 3: NIP too short
            $"{TestNips.Make(6101)},Tanpa Unit,kota-x,Staf,PNS,",              // line 4: unknown unit
            $"{TestNips.Make(6102)},Status Aneh,kota-b-dinkes,Staf,HONORER,",  // line 5: bad status
            $"{TestNips.Make(6103)},,kota-b-dinkes,Staf,PNS,",                 // line 6: no name
            $"{TestNips.Make(6104)},Atasan Hilang,kota-b-dinkes,Staf,PNS,{TestNips.Make(6999)}", // line 7: unknown supervisor
            "198513122010011001,Bulan 13,kota-b-dinkes,Staf,PNS,");           // line 8: birth month 13
        var result = await Importer.ImportAsync(Write("employees.csv", csv), default);

        Assert.Equal(1, result.Employees);
        Assert.Collection(result.Errors,
            e => Assert.StartsWith("line 3: nip: NIP must be exactly 18 digits", e),
            e => Assert.StartsWith("line 4: unitId 'kota-x'", e),
            e => Assert.StartsWith("line 5: status 'HONORER'", e),
            e => Assert.StartsWith("line 6: name is required", e),
            e => Assert.StartsWith("line 7: supervisorNip", e),
            e => Assert.StartsWith("line 8: nip: NIP digits 1-8", e));
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from employee where unit_id = 'kota-b-dinkes' and nip = @good", new { good }));
    }

    [Fact]
    public async Task Import_JsonFile_ReportsItemIndexAndRejectsHostileValues()
    {
        var json = """
            { "regions": [
                { "id": "kota-c", "name": "Kota C", "timeZone": "Asia/Jayapura" },
                { "id": "Kota C; drop table region", "name": "x", "timeZone": "Asia/Jakarta" },
                { "id": "kota-d", "name": "Kota D", "timeZone": "Mars/Olympus" },
                { "id": "kota-e", "name": "Kota E", "timeZone": "Asia/Jakarta", "dailyMinMinutes": 700, "dailyMaxMinutes": 600 } ],
              "units": [ { "id": "kota-c-dishub", "regionId": "kota-c", "name": "Dinas Perhubungan" } ] }
            """;
        var result = await Importer.ImportAsync(Write("ref.json", json), default);
        Assert.Equal(1, result.Regions);
        Assert.Equal(1, result.Units);
        Assert.Collection(result.Errors,
            e => Assert.StartsWith("regions[1]: id", e),
            e => Assert.StartsWith("regions[2]: timeZone 'Mars/Olympus'", e),
            e => Assert.StartsWith("regions[3]: dailyMinMinutes must not exceed", e));
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.True(await conn.ExecuteScalarAsync<bool>("select to_regclass('region') is not null"));
    }

    [Theory]
    [InlineData("bad.json", "{ \"regions\": [ { \"id\": ")]
    [InlineData("bad.csv", "foo,bar\n1,2\n")]
    [InlineData("bad.csv", "")]
    [InlineData("bad.xml", "<regions/>")]
    public async Task Import_UnreadableFile_FailsWithAClearMessage(string name, string text)
    {
        var ex = await Assert.ThrowsAsync<FormatException>(() => Importer.ImportAsync(Write(name, text), default));
        Assert.Contains("bad.", ex.Message);
    }

    [Fact]
    public async Task CliVerb_ImportReference_ExitCodeSaysWhetherRowsWereRejected()
    {
        var ok = Write("r.csv", "id,name,timeZone\nkota-f,Kota F,Asia/Jakarta\n");
        var bad = Write("u.csv", "id,regionId,name\nkota-f-x,nowhere,Dinas X\n");
        Assert.Equal(0, await CliCommands.RunAsync(["import", "reference", ok, $"--ConnectionStrings:Kinerja={db.ConnectionString}"]));
        Assert.Equal(1, await CliCommands.RunAsync(["import", "reference", bad, $"--ConnectionStrings:Kinerja={db.ConnectionString}"]));
        Assert.Equal(2, await CliCommands.RunAsync(["import", "reference", Path.Combine(_dir, "missing.csv"),
            $"--ConnectionStrings:Kinerja={db.ConnectionString}"]));
        await using var conn = await db.DataSource.OpenConnectionAsync();
        Assert.Equal("Kota F", await conn.ExecuteScalarAsync<string>("select name from region where id = 'kota-f'"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
