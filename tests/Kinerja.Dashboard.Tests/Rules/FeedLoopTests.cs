using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Board;
using Kinerja.Rules.Live;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Kinerja.Dashboard.Tests.Rules;

/// <summary>
/// The change feed does not loop: a batch of top superior scores makes the rules write new levels, and those
/// levels (a rule output) must not wake the indicator recompute or the rules a second time. Also the
/// harness behind the "recomputes per ingested batch" figure (README.md, "The change feed"). Levels of a closed month:
/// <see cref="ClosedMonthFeedTests"/>.
/// </summary>
public sealed class FeedLoopTests(MidMonthAppFactory app, ITestOutputHelper output) : IClassFixture<MidMonthAppFactory>
{
    private const int Batches = 5;
    private const int PerBatch = 4;

    [Fact]
    public async Task IngestedBatch_WithLevelChanges_IsRecomputedAndEvaluatedOnce()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(app.DataSource, "kota-loop", "kota-loop-dinas", Batches * PerBatch,
            nipOffset: 7400);
        var live = app.Services.GetRequiredService<LiveIndicators>();
        var rules = app.Services.GetRequiredService<LiveRulesEvaluator>();
        // start-up: the evaluator takes its lease (retried every 5 s) and evaluates everyone once
        await Eventually.TrueAsync(() => rules.Evaluated > 0, "the first evaluation", TimeSpan.FromSeconds(30));
        await SettleAsync(live, rules);
        output.WriteLine($"after start: fullLoads={live.Stats.FullLoads} levelsWritten={rules.LevelsWritten}");
        var source = app.ClientWithKey(await app.SourceKeyAsync("sikerja-kota-loop", "region:kota-loop"));
        var at = MidMonthAppFactory.Now.AddHours(-1);

        var recomputes = new List<long>();
        var evaluations = new List<long>();
        var levels = new List<long>();
        for (var b = 0; b < Batches; b++)
        {
            var (r0, e0, l0) = (live.Stats.IncrementalUpdates, rules.Evaluated, rules.LevelsWritten);
            // a superior's top hasil_kerja score moves each employee's Rating Hasil Kerja (a level change)
            var items = nips.Skip(1 + b * PerBatch).Take(PerBatch).Select(nip => (object)new
            {
                eventId = Guid.NewGuid(), nip, raterRole = "atasan", raterRef = nips[0], aspect = "hasil_kerja", score = 5,
                period = at.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                occurredAt = at,
            }).ToArray();
            await BoardIngest.PostAsync(source, "/api/v1/ratings", items, PerBatch);
            await Eventually.TrueAsync(() => rules.LevelsWritten - l0 >= PerBatch, "the levels of the batch", TimeSpan.FromSeconds(20));
            await SettleAsync(live, rules);
            recomputes.Add(live.Stats.IncrementalUpdates - r0);
            evaluations.Add(rules.Evaluated - e0);
            levels.Add(rules.LevelsWritten - l0);
        }
        output.WriteLine($"batches={Batches} recomputes={string.Join(",", recomputes)} "
            + $"snapshotsEvaluated={string.Join(",", evaluations)} levelsWritten={string.Join(",", levels)}");
        output.WriteLine($"recomputes/batch={recomputes.Average():0.##} snapshotsEvaluated/batch={evaluations.Average():0.##}");
        Assert.All(recomputes, r => Assert.Equal(1, r)); // the levels the rules wrote woke no second recompute
        Assert.All(evaluations, e => Assert.Equal(PerBatch, e)); // ... and no second evaluation of the same employees
        // yet the live model (what the boards draw) holds the new levels, applied from the notification without a read
        Assert.All(nips.Skip(1).Take(Batches * PerBatch),
            nip => Assert.Equal("DI_ATAS_EKSPEKTASI", live.Employee(nip)?.RatingHasilKerja));
        Assert.True(live.Stats.LevelUpdates >= Batches);
    }

    /// <summary>Waits until neither counter moved for two seconds (the evaluator debounces 300 ms).</summary>
    internal static async Task SettleAsync(LiveIndicators live, LiveRulesEvaluator rules)
    {
        var last = (-1L, -1L, -1L);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var now = (live.Stats.IncrementalUpdates + live.Stats.FullLoads, rules.Evaluated, rules.LevelsWritten);
            if (now == last)
            {
                return;
            }
            last = now;
            await Task.Delay(2000);
        }
        throw new TimeoutException("the live indicators and rules did not settle in 30 s");
    }
}
