using Kinerja.Rules.Loading;
using Kinerja.Testing;

namespace Kinerja.Rules.Tests.Safety;

/// <summary>
/// A process reloading after a NOTIFY re-checks the stored versions (validation and trial evaluation) before it
/// swaps, so a version written by a process without the checks, or straight into the table, never replaces a
/// good engine anywhere.
/// </summary>
public sealed class TrialOnReloadTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Reload_StoredVersionOverBudget_KeepsTheRunningSetAndSaysWhy()
    {
        var a = new RulesServiceHarness(db.DataSource);
        await a.Service.BootstrapAsync(RepoPaths.Rules, "uji", CancellationToken.None);
        var b = new RulesServiceHarness(db.DataSource);
        await b.Service.ReloadAsync(CancellationToken.None);
        var running = b.Active.Current;
        Assert.NotNull(running);

        var (json, limit) = HostileRules.Get("nested_count_over_string_field");
        var (sources, issues) = RuleFileLoader.Parse("jahat.json", json);
        Assert.Empty(issues);
        await a.Store.PublishAsync(sources, "proses-lama", "ditulis tanpa pemeriksaan", CancellationToken.None);
        await b.Service.ReloadAsync(CancellationToken.None);

        Assert.Same(running, b.Active.Current);
        Assert.Matches($"Kinerja:Rules:Limits:({limit})", b.Active.LastError);
        Assert.Contains("jahat", b.Active.LastError);
    }
}
