using Dapper;
using Kinerja.Dashboard.Cli;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The command line's SKP imports (<c>import iku-realisations UNIT FILE</c>, <c>import skp-plans FILE</c>) run the API's
/// readers and importers: the exit code says whether rows were rejected, a re-run is a no-op, an unreadable file is 2.
/// </summary>
public sealed class SkpImportCliTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-skp-import-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> RunAsync(params string[] args) => CliCommands.RunAsync([.. args, $"--ConnectionStrings:Kinerja={db.ConnectionString}"]);

    [Fact]
    public async Task CliVerbs_ImportWithTheApisCodePath_AndReRunsAreNoOps()
    {
        var year = DateTime.UtcNow.Year - 1;
        await TestData.SeedRegionAsync(db.DataSource, "cli-skp");
        await TestData.SeedUnitAsync(db.DataSource, "cli-skp-u", "cli-skp");
        var head = TestNips.Make(7990);
        await TestData.SeedEmployeeAsync(db.DataSource, head, "cli-skp-u", name: "Kepala");
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                insert into unit_iku (unit_id, year, code, name, target_value, target_unit) values ('cli-skp-u', @year, 'IKU-1', 'Indikator', 40, 'persen')
                """, new { year = (short)year });
        }
        var iku = Write("iku.csv", $"eventId,iku,period,value,evidenceUrl,note\r\ncli-1,IKU-1,{year}-Q1,10,https://bukti.example/1,\r\n");
        Assert.Equal(0, await RunAsync("import", "iku-realisations", "cli-skp-u", iku));
        Assert.Equal(0, await RunAsync("import", "iku-realisations", "cli-skp-u", iku));
        var plans = Write("plans.csv", "nip,year,rhkCode,rhkKind,rhkText,parentIku,aspect,indicatorText,targetValue,targetUnit\r\n" +
                                       $"{head},{year},K1,utama,Kepala,IKU-1,kuantitas,Dokumen,12,dokumen\r\n" +
                                       $"{head},{year + 50},K1,utama,Kepala,IKU-1,kuantitas,Dokumen,12,dokumen\r\n");
        Assert.Equal(1, await RunAsync("import", "skp-plans", plans));
        Assert.Equal(2, await RunAsync("import", "skp-plans", Write("broken.csv", "nip,year\r\n\"x\"y,1\r\n")));
        await using var read = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(1L, await read.ExecuteScalarAsync<long>("select count(*) from unit_iku_realisation where unit_id = 'cli-skp-u'"));
        Assert.Equal("disetujui", await read.ExecuteScalarAsync<string>("select status from skp_plan where nip = @head and year = @year",
            new { head, year = (short)year }));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
