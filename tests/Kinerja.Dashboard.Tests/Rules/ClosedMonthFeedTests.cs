using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators.Live;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Live;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kinerja.Dashboard.Tests.Rules;

/// <summary>
/// Levels of a closed month (stored when a process takes over the rules) are history inputs of the current month: they
/// move the employees' predicate history in the live model without a read or a recompute, and the rules evaluate
/// exactly the employees whose history moved, once; the same levels again cost nothing.
/// </summary>
public sealed class ClosedMonthFeedTests(MidMonthAppFactory app, ITestOutputHelper output) : IClassFixture<MidMonthAppFactory>
{
    [Fact]
    public async Task ClosedMonthLevels_MoveTheHistoryWithoutARecompute_AndAreEvaluatedOnceOnlyWhenTheHistoryMoved()
    {
        const string region = "kota-lalu";
        var nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, region, "kota-lalu-dinas", 3, nipOffset: 7700);
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var rules = app.Services.GetRequiredService<LiveRulesEvaluator>();
        await Eventually.TrueAsync(() => rules.Evaluated > 0, "the first evaluation", TimeSpan.FromSeconds(30));
        await FeedLoopTests.SettleAsync(live, rules);
        var closed = Period.Parse(live.RegionVersion(region)!.Value.Period).Previous().Key;
        var (r0, e0) = (Recomputes(live), rules.Evaluated);

        // what a process taking over the rules stores for the closed month (EvaluateClosedMonthAsync), on the feed
        var stored = await app.Services.GetRequiredService<LevelStore>().SaveAsync(
            nips.Take(2).Select(nip => Outcome(nip, closed, Predikat.SangatKurang)).ToArray(), CancellationToken.None);
        Assert.Equal(2, stored.Count);
        await Eventually.TrueAsync(() => nips.Take(2).All(n => live.Employee(n)?.PreviousPredikat == Predikat.SangatKurang),
            "the history in the live model", TimeSpan.FromSeconds(10));
        // the evaluation follows the history (debounced): wait for it, not for a quiet spell a busy machine may fake
        await Eventually.TrueAsync(() => rules.Evaluated - e0 >= 2, "the evaluation of the moved history",
            TimeSpan.FromSeconds(30));
        await FeedLoopTests.SettleAsync(live, rules);
        output.WriteLine($"closed-month levels: recomputes={Recomputes(live) - r0} snapshotsEvaluated={rules.Evaluated - e0}");
        Assert.Equal(0, Recomputes(live) - r0); // applied from the notification, no read
        Assert.Equal(2, rules.Evaluated - e0); // the two employees whose history input moved, once
        Assert.Null(live.Employee(nips[2])!.PreviousPredikat);

        // the same levels once more (the notification after the evaluator applied them itself): nothing to do
        (r0, e0) = (Recomputes(live), rules.Evaluated);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await ChangeFeed.SendAsync(conn, null, ChangeNotice.Levels(stored), CancellationToken.None);
        }
        await Task.Delay(1000);
        await FeedLoopTests.SettleAsync(live, rules);
        Assert.Equal((0L, 0L), (Recomputes(live) - r0, rules.Evaluated - e0));
    }

    private static long Recomputes(LiveIndicators live) => live.Stats.IncrementalUpdates + live.Stats.FullLoads;

    private static EvaluationOutcome Outcome(string nip, string period, string predikat) => new()
    {
        Subject = nip,
        IsUnit = false,
        Period = period,
        Values = new Dictionary<string, object?>
        {
            ["ratingHasilKerja"] = "DI_BAWAH_EKSPEKTASI",
            ["ratingPerilaku"] = "DI_BAWAH_EKSPEKTASI",
            ["predikat"] = predikat,
        },
    };

}
