using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Kinerja.Dashboard.Apis;

/// <summary>
/// <c>GET /api/v1/runtime</c> (admin): the process's memory and garbage-collector figures, for operations and
/// the soak bench (memory trend over hours). Cheap: reads counters only, never forces a collection.
/// </summary>
public static class RuntimeStatsApi
{
    // Taken when the host maps the API at start-up: uptime is measured on the monotonic clock, so a shifted
    // product clock (Kinerja:Clock) or a stepped machine clock does not change it.
    private static readonly long StartedTicks = Environment.TickCount64;

    /// <param name="At">When the figures were read, on the product's clock.</param>
    /// <param name="UptimeSeconds">Seconds since start-up, measured on the monotonic clock.</param>
    /// <param name="Gen0Collections">Collections of each generation since start (a gen2 also counts as gen1 and gen0).</param>
    /// <param name="HeapSizeBytes">Managed heap size after the most recent collection of any kind.</param>
    /// <param name="HeapAfterGen2Bytes">Managed heap size after the most recent gen2 (full blocking or background), 0 before the first.</param>
    /// <param name="Gen2Index">Index of that gen2 collection (to tell a new one from the same one read twice).</param>
    /// <param name="AllocatedBytes">Bytes allocated since start (all threads).</param>
    /// <param name="WorkingSetBytes">Resident set of the process.</param>
    /// <param name="PauseTimePercentage">Share of time paused for GC since start, 0-100.</param>
    public sealed record RuntimeStats(
        DateTimeOffset At,
        double UptimeSeconds,
        int Gen0Collections,
        int Gen1Collections,
        int Gen2Collections,
        long HeapSizeBytes,
        long HeapAfterGen2Bytes,
        long Gen2Index,
        long FragmentedBytes,
        long CommittedBytes,
        long AllocatedBytes,
        long WorkingSetBytes,
        double PauseTimePercentage,
        int ThreadCount,
        int ThreadPoolThreads,
        long ThreadPoolQueueLength,
        bool ServerGc,
        string LatencyMode);

    /// <summary>Maps <c>GET runtime</c> relative to <paramref name="group"/> (the host maps it under <c>/api/v1</c>).</summary>
    public static RouteGroupBuilder MapRuntimeStatsApi(this RouteGroupBuilder group)
    {
        _ = StartedTicks;
        group.MapGet("/runtime", GetRuntime)
            .WithName("GetRuntimeStats")
            .WithSummary("Process memory and garbage-collector counters (admin).")
            .WithTags("Operasi");
        return group;
    }

    public static Ok<RuntimeStats> GetRuntime(TimeProvider time) => TypedResults.Ok(Read(time));

    /// <summary>The current figures of this process; <see cref="RuntimeStats.At"/> on the product's clock.</summary>
    public static RuntimeStats Read(TimeProvider time)
    {
        var any = GC.GetGCMemoryInfo(GCKind.Any);
        var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var gen2 = full.Index >= background.Index ? full : background;
        using var process = Process.GetCurrentProcess();
        return new RuntimeStats(
            time.GetUtcNow(),
            Math.Round(TimeSpan.FromMilliseconds(Environment.TickCount64 - StartedTicks).TotalSeconds, 1),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            any.HeapSizeBytes,
            gen2.HeapSizeBytes,
            gen2.Index,
            any.FragmentedBytes,
            any.TotalCommittedBytes,
            GC.GetTotalAllocatedBytes(precise: false),
            process.WorkingSet64,
            any.PauseTimePercentage,
            process.Threads.Count,
            ThreadPool.ThreadCount,
            ThreadPool.PendingWorkItemCount,
            GCSettings.IsServerGC,
            GCSettings.LatencyMode.ToString());
    }
}
