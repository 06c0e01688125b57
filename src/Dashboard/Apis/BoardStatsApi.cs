using Kinerja.Core.Indicators.Live;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>Counters of the live board: <c>GET /api/v1/board/stats</c> (operations and the fan-out bench).</summary>
public static class BoardStatsApi
{
    /// <param name="SvgRenders">Chart renders since start: grows with data versions, never with screens.</param>
    /// <param name="PngRenders">PNG renders (on first download of a version).</param>
    /// <param name="Live">The live model behind the region figures: incremental updates and their time.</param>
    /// <param name="Publisher">True when this instance sends the group messages (always without <c>Kinerja:Redis</c>;
    /// with it, only the holder of the board publisher lease).</param>
    /// <param name="Stages">Where the board's time goes, per stage (see <see cref="BoardTimings"/>).</param>
    public sealed record BoardStats(long SvgRenders, long PngRenders, IReadOnlyList<RegionStats> Regions, LiveStats Live,
        bool Publisher, StageStats Stages);

    /// <param name="IncrementalMs">Total milliseconds of incremental updates (read + apply) since start.</param>
    /// <param name="Phases">The same updates by phase (totals since start) with their load-independent counts.</param>
    public sealed record LiveStats(long FullLoads, long IncrementalUpdates, long EmployeesRecomputed, double IncrementalMs,
        double LastMs, LivePhases Phases);

    /// <summary>Milliseconds since start per phase of the live model's incremental updates, and what they did.</summary>
    public sealed record LivePhases(double SignatureReadMs, double FactsReadMs, double ApplyMs, double CommitMs,
        long QuickEmployees, long FullEmployees, long RegionCommits, long UnitsBuilt, long VersionsMoved);

    public sealed record RegionStats(string RegionId, long Flushes, double ReadMs, int RegionScreens, int PublicScreens);

    /// <summary>Maps <c>GET stats</c> relative to <paramref name="group"/> (the host maps it under <c>/api/v1/board</c>).</summary>
    public static RouteGroupBuilder MapBoardStatsApi(this RouteGroupBuilder group)
    {
        group.MapGet("/stats", GetStats)
            .WithName("GetBoardStats")
            .WithSummary("Live board counters: chart renders, flushes and screens per region, stage durations.")
            .WithTags("Papan");
        return group;
    }

    public static Ok<BoardStats> GetStats(ChartCache charts, BoardRegistry boards, BoardSubscriptions subs, LiveIndicators live,
        Board.Cluster.BoardPublisher publisher, BoardTimings timings) =>
        TypedResults.Ok(new BoardStats(charts.SvgRenders, charts.PngRenders, boards.Boards
            .OrderBy(b => b.RegionId, StringComparer.Ordinal)
            .Select(b => new RegionStats(b.RegionId, b.Flushes, Math.Round(b.ReadMs, 1), subs.Count(BoardGroup.Region(b.RegionId)),
                subs.Count(BoardGroup.Public(b.RegionId))))
            .ToArray(), Live(live.Stats), publisher.IsActive, timings.Snapshot(charts.RenderTimes)));

    private static LiveStats Live(LiveIndicatorsStats s) => new(s.FullLoads, s.IncrementalUpdates, s.EmployeesRecomputed,
        Math.Round(s.IncrementalDuration.TotalMilliseconds, 1), Math.Round(s.LastDuration.TotalMilliseconds, 1), Phases(s.Phases));

    private static LivePhases Phases(LiveUpdatePhaseStats p) => new(Math.Round(p.SignatureRead.TotalMilliseconds, 1),
        Math.Round(p.FactsRead.TotalMilliseconds, 1), Math.Round(p.Apply.TotalMilliseconds, 1), Math.Round(p.Commit.TotalMilliseconds, 1),
        p.QuickEmployees, p.FullEmployees, p.RegionCommits, p.UnitsBuilt, p.VersionsMoved);
}
