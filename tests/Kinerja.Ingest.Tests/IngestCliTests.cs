using System.Globalization;
using System.Text;
using Kinerja.Ingest.Cli;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Spectre.Console;

namespace Kinerja.Ingest.Tests;

public sealed class IngestCliTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-import-").FullName;
    private readonly StringWriter _out = new();
    private IngestHost _host = null!;
    private Org _org = null!;

    public async Task InitializeAsync()
    {
        _org = await Org.SeedAsync(db.DataSource);
        _host = await IngestHost.StartAsync(db.DataSource, new Dictionary<string, string?> { ["Kinerja:Ingest:BatchSize"] = "7" });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private IAnsiConsole Console => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        Out = new AnsiConsoleOutput(_out),
    });

    [Fact]
    public async Task ImportCsv_WithBadRows_StoresGoodRowsWritesRejectedFileAndRerunIsNoOp()
    {
        var day = TestDays.Next();
        var csv = new StringBuilder("eventId,nip,occurredAt,minutes,volume,output,description,skpIndicator\n");
        for (var i = 0; i < 20; i++)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{Guid.NewGuid()},{_org.Staff[i % 8]},{TestDays.MorningWib(day).AddMinutes(i):yyyy-MM-ddTHH:mm:sszzz},15,1.5,dokumen,\"Rapat, koordinasi\",SKP-1\n");
        }
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},12345,{TestDays.MorningWib(day):yyyy-MM-ddTHH:mm:sszzz},15,,,x,\n");   // line 22
        csv.Append(CultureInfo.InvariantCulture, $"{Guid.NewGuid()},{_org.Staff[0]},{TestDays.MorningWib(day):yyyy-MM-ddTHH:mm:sszzz},abc,,,x,\n"); // line 23
        var file = Path.Combine(_dir, "activities.csv");
        await File.WriteAllTextAsync(file, csv.ToString());

        var exit = await IngestCli.RunAsync(["import", "activities", file], _host.Services, Console);

        Assert.Equal(1, exit);
        Assert.Equal(20L, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from activity where local_day = @day", new { day }));
        var rejected = await File.ReadAllLinesAsync(file + ".rejected.csv");
        Assert.Equal("line,eventId,field,message", rejected[0]);
        Assert.Contains(rejected, l => l.StartsWith("22,", StringComparison.Ordinal) && l.Contains(",nip,"));
        Assert.Contains(rejected, l => l.StartsWith("23,", StringComparison.Ordinal) && l.Contains("minutes must be a whole number; got 'abc'."));
        Assert.Equal("Rapat, koordinasi", await Sql.ScalarAsync<string>(db.DataSource,
            "select min(description) from activity where local_day = @day", new { day }));

        _out.GetStringBuilder().Clear();
        Assert.Equal(1, await IngestCli.RunAsync(["import", "activities", file], _host.Services, Console));
        Assert.Equal(20L, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from activity where local_day = @day", new { day }));
        Assert.Matches(@"22\s+│\s+0\s+│\s+20\s+│\s+2", _out.ToString());
    }

    [Fact]
    public async Task ImportNdjson_AllGood_ExitZeroAndRerunAllDuplicates()
    {
        var day = TestDays.Next();
        var lines = _org.Staff.Select(nip => Items.Attendance(nip, day, "izin").ToJsonString());
        var file = Path.Combine(_dir, "attendance.ndjson");
        await File.WriteAllLinesAsync(file, lines);

        Assert.Equal(0, await IngestCli.RunAsync(["attendance", file], _host.Services, Console));
        Assert.False(File.Exists(file + ".rejected.csv"));
        Assert.Equal(0, await IngestCli.RunAsync(["attendance", file], _host.Services, Console));
        Assert.Equal(8L, await Sql.ScalarAsync<long>(db.DataSource, "select count(*) from attendance where day = @day", new { day }));
    }

    [Fact]
    public async Task Import_CsvMissingRequiredColumn_ExitTwoWithMessage()
    {
        var file = Path.Combine(_dir, "reviews.csv");
        await File.WriteAllTextAsync(file, "eventId,approved\n" + Guid.NewGuid() + ",true\n");
        var error = new StringWriter();
        Assert.Equal(2, await IngestCli.RunAsync(["import", "reviews", file], _host.Services, Console, error));
        Assert.Contains("lacks the required column(s) activityEventId, reviewerNip, at", error.ToString());
        Assert.DoesNotContain("lacks", _out.ToString()); // errors go to stderr; stdout carries only the result
    }

    [Fact]
    public async Task Import_MissingFile_ExitTwoNamingItOnStderr()
    {
        var error = new StringWriter();
        Assert.Equal(2, await IngestCli.RunAsync(["import", "activities", Path.Combine(_dir, "absent.csv")], _host.Services, Console, error));
        Assert.Contains("File not found", error.ToString());
        Assert.Contains("absent.csv", error.ToString());
        Assert.Equal("", _out.ToString());
    }

    [Fact]
    public async Task Import_UnknownStream_ExitTwo()
    {
        var file = Path.Combine(_dir, "x.csv");
        await File.WriteAllTextAsync(file, "a\n");
        Assert.Equal(2, await IngestCli.RunAsync(["import", "trips", file], _host.Services, Console, TextWriter.Null));
    }
}
