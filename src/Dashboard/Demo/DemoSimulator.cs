using Dapper;
using Kinerja.Core.Domain;
using Kinerja.Dashboard.Hosting;
using Kinerja.Ingest;
using Kinerja.Ingest.Contracts;
using Kinerja.Rules.Live;
using Npgsql;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// Streams simulated events through the real ingest pipeline: first a backfill from the start of the
/// previous month up to now (idempotent: derived event ids), then every tick the events the schedule
/// reaches as the clock moves, plus citizen satisfaction answers at <c>Kinerja:Demo:EventsPerSecond</c>
/// during each region's working hours.
/// </summary>
internal sealed class DemoSimulator(
    IIngestPipeline ingest,
    NpgsqlDataSource db,
    DemoOptions options,
    TimeProvider time,
    IServiceProvider services,
    ILogger<DemoSimulator> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);
    private readonly HashSet<Guid> _sent = [];
    private readonly Random _rng = new();
    private long _accepted;
    private long _rejected;

    /// <summary>Events the pipeline accepted from the simulator so far.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Events the pipeline rejected (a simulator defect if ever non-zero).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>True once the backfill has gone through.</summary>
    public bool BackfillDone { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        DemoWorld world;
        try
        {
            world = await DemoWorld.LoadAsync(db, stoppingToken);
            if (world.Workers.Count > 0)
            {
                await BackfillAsync(world, stoppingToken);
            }
            else
            {
                logger.LogWarning("Demo simulator: no employees to simulate");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            // Whatever happened to the backfill, live rule evaluation must not wait for ever.
            services.GetService<RulesStartGate>()?.Open();
        }
        while (!stoppingToken.IsCancellationRequested && world.Workers.Count > 0)
        {
            try
            {
                await Task.Delay(Tick, time, stoppingToken);
                await StepAsync(world, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Demo simulator step failed ({Reason}); retrying", ex.Message);
            }
        }
    }

    private async Task BackfillAsync(DemoWorld world, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var total = 0;
        foreach (var region in world.Regions)
        {
            var today = region.Clock.Today(time);
            var first = options.BackfillDays is { } days
                ? today.AddDays(-Math.Max(0, days))
                : Period.MonthOf(today).Previous().Start;
            for (var day = first; day <= today; day = day.AddDays(1))
            {
                var batch = new DemoBatch();
                if (world.IsWorkingDay(region.Id, day))
                {
                    foreach (var w in world.InRegion(region.Id))
                    {
                        DemoSchedule.Day(w, day, now, batch);
                    }
                    foreach (var unit in world.UnitsInRegion(region.Id))
                    {
                        DemoSchedule.CitizenDay(unit, region.Clock, day, now, batch);
                        DemoSurveys.Day(unit, Officers(world, region.Id, unit), region.Clock, day, now, batch);
                    }
                }
                if (day.Day == 1 || day == first)
                {
                    foreach (var w in world.InRegion(region.Id))
                    {
                        DemoSchedule.Ratings(w, Period.MonthOf(day), now, batch);
                    }
                }
                total += await SubmitAsync(batch, remember: day >= today.AddDays(-2), ct);
            }
        }
        BackfillDone = true;
        logger.LogInformation("Demo backfill done: {Count} events through the ingest pipeline", total);
    }

    private async Task StepAsync(DemoWorld world, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var batch = new DemoBatch();
        foreach (var region in world.Regions)
        {
            var today = region.Clock.Today(time);
            for (var day = today.AddDays(-2); day <= today; day = day.AddDays(1))
            {
                if (!world.IsWorkingDay(region.Id, day))
                {
                    continue;
                }
                foreach (var w in world.InRegion(region.Id))
                {
                    DemoSchedule.Day(w, day, now, batch);
                    if (day == today)
                    {
                        DemoSchedule.Ratings(w, Period.MonthOf(day), now, batch);
                    }
                }
                foreach (var unit in world.UnitsInRegion(region.Id))
                {
                    DemoSchedule.CitizenDay(unit, region.Clock, day, now, batch);
                    DemoSurveys.Day(unit, Officers(world, region.Id, unit), region.Clock, day, now, batch);
                }
            }
            var local = region.Clock.ToLocal(now);
            var working = world.IsWorkingDay(region.Id, today) && local.Hour is >= 7 and < 17;
            if (working || options.AllHours)
            {
                var share = options.EventsPerSecond * Tick.TotalSeconds / world.Regions.Count;
                var count = (int)share + (_rng.NextDouble() < share % 1 ? 1 : 0);
                var units = world.UnitsInRegion(region.Id);
                for (var i = 0; i < count && units.Count > 0; i++)
                {
                    batch.Ratings.Add(DemoSchedule.CitizenRating(units[_rng.Next(units.Count)], region.Clock, now, _rng));
                }
                if (units.Count > 0 && _rng.NextDouble() < share)
                {
                    var unit = units[_rng.Next(units.Count)];
                    batch.Surveys.Add(DemoSurveys.Answer(unit, Officers(world, region.Id, unit), now, _rng));
                }
            }
        }
        Filter(batch);
        await SubmitAsync(batch, remember: true, ct);
        if (_sent.Count > 500_000)
        {
            _sent.Clear(); // bounded memory; re-sent events come back as duplicates
        }
    }

    private void Filter(DemoBatch batch)
    {
        batch.Activities.RemoveAll(i => _sent.Contains(i.EventId));
        batch.Attendance.RemoveAll(i => _sent.Contains(i.EventId));
        batch.Reviews.RemoveAll(i => _sent.Contains(i.EventId));
        batch.Ratings.RemoveAll(i => _sent.Contains(i.EventId));
        batch.Surveys.RemoveAll(i => _sent.Contains(i.EventId));
    }

    /// <summary>The unit's employees a citizen may name as the officer who served (everyone but the head).</summary>
    private static IReadOnlyList<string> Officers(DemoWorld world, string regionId, string unitId) =>
        world.InRegion(regionId).Where(w => w.UnitId == unitId && w.SupervisorNip is not null).Select(w => w.Nip).Take(20).ToList();

    private async Task<int> SubmitAsync(DemoBatch batch, bool remember, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return 0;
        }
        try
        {
            // Activities before the reviews that refer to them.
            var results = new[]
            {
                await ingest.SubmitAttendanceAsync(batch.Attendance, ct: ct),
                await ingest.SubmitActivitiesAsync(batch.Activities, ct: ct),
                await ingest.SubmitReviewsAsync(batch.Reviews, ct: ct),
                await ingest.SubmitRatingsAsync(batch.Ratings, ct: ct),
                await ingest.SubmitAsync(batch.Surveys, ct: ct),
            };
            var rejected = results.SelectMany(r => r.Items).Where(i => i.Status == ItemStatus.Rejected).ToList();
            Interlocked.Add(ref _accepted, results.Sum(r => r.Accepted));
            Interlocked.Add(ref _rejected, rejected.Count);
            if (rejected.Count > 0)
            {
                var first = rejected[0].Errors.FirstOrDefault();
                logger.LogWarning("Demo simulator: {Count} events rejected, e.g. {Field}: {Message}",
                    rejected.Count, first?.Field, first?.Message);
            }
            if (remember)
            {
                foreach (var id in batch.Attendance.Select(i => i.EventId).Concat(batch.Activities.Select(i => i.EventId))
                             .Concat(batch.Reviews.Select(i => i.EventId)).Concat(batch.Ratings.Select(i => i.EventId))
                             .Concat(batch.Surveys.Select(i => i.EventId)))
                {
                    _sent.Add(id);
                }
            }
            return results.Sum(r => r.Accepted);
        }
        catch (IngestUnavailableException ex)
        {
            logger.LogWarning("Demo simulator: ingest unavailable ({Reason}); retrying next tick", ex.Message);
            return 0;
        }
    }
}
