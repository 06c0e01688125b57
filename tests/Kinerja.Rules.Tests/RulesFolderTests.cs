using Dapper;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Kinerja.Rules.Tests;

/// <summary>Saving files in the rules folder: a valid file is published, a broken one leaves the active version.</summary>
public sealed class RulesFolderTests(TestDatabase db) : IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = CopyDefaults();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string CopyDefaults()
    {
        var dir = Directory.CreateTempSubdirectory("kinerja-rules-folder-").FullName;
        foreach (var f in Directory.EnumerateFiles(RepoPaths.Rules, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(dir, Path.GetRelativePath(RepoPaths.Rules, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
        return dir;
    }

    private async Task<RulesServiceHarness> Fresh()
    {
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("delete from workflow_version");
        }
        var h = new RulesServiceHarness(db.DataSource);
        await h.Service.BootstrapAsync(_dir, "test", CancellationToken.None);
        return h;
    }

    private void Edit(string file, string from, string to)
    {
        var path = Path.Combine(_dir, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text);
        File.WriteAllText(path, text.Replace(from, to));
    }

    [Fact]
    public async Task PublishFolder_BrokenFile_ReportedAndActiveVersionStays()
    {
        var h = await Fresh();
        var before = h.Active.Require();
        Edit("disiplin.json", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == snapshot.Nip");
        var report = await h.Service.PublishFolderAsync(_dir, "watcher", CancellationToken.None, [Path.Combine(_dir, "disiplin.json")]);
        Assert.False(report.Published);
        Assert.Same(before, h.Active.Current);
        Assert.Contains("teguran_lisan", h.Active.LastError);
        Assert.Contains("TEGURAN_LISAN", h.Active.Require().Evaluate(new IndicatorSnapshot { TksDaysYtd = 3 }, ["disiplin"]).Events);
    }

    [Fact]
    public async Task PublishFolder_SavedValidFile_PublishedAndOtherWorkflowsUntouched()
    {
        var h = await Fresh();
        // a version published through the API must survive a save of another file
        await h.Service.PublishAsync(RulesServiceHarness.Edited("tpp", "\"Expression\": \"60.0\"", "\"Expression\": \"55.0\""), "api", "", CancellationToken.None);
        Edit("disiplin.json", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 2");
        var report = await h.Service.PublishFolderAsync(_dir, "watcher", CancellationToken.None, [Path.Combine(_dir, "disiplin.json")]);
        Assert.True(report.Published);
        Assert.Equal(["disiplin"], report.Versions.Select(v => v.Workflow));
        Assert.Equal(2, h.Active.Require().Versions["tpp"]);
        Assert.Null(h.Active.LastError);
    }

    [Fact]
    public async Task HostedService_FileSaved_PublishedByWatcher()
    {
        await Fresh();
        var h = new RulesServiceHarness(db.DataSource);
        var options = Options.Create(new RulesOptions { RulesPath = _dir, WatchDebounceMs = 100 });
        var hosted = new RulesHostedService(h.Service, options, NullLogger<RulesHostedService>.Instance);
        await hosted.StartAsync(CancellationToken.None);
        try
        {
            Assert.Equal(1, h.Active.Require().Versions["disiplin"]);
            await Task.Delay(200);
            Edit("disiplin.json", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 2");
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (h.Active.Require().Versions["disiplin"] != 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            Assert.Equal(2, h.Active.Require().Versions["disiplin"]);
        }
        finally
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }
}
