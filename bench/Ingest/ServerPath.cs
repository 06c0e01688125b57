using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Kinerja.Core.Domain;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Http;
using Kinerja.Ingest.Json;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Bench;

/// <summary>
/// <c>--server-path</c>: the HTTP server's own work per event of (c), in memory and on one thread, with no PostgreSQL,
/// sockets or Kestrel: the same NDJSON request bodies the client sends (<c>--http-batch</c> lines each), read by the
/// endpoint's reader (<see cref="ItemStreamReader"/>), validated into a submission by the stream's builder (against
/// in-memory reference data of the seeded employees), every valid item marked accepted as the writer would, the
/// result built and the answer written by <see cref="IngestResponseWriter"/>. Prints CPU and bytes allocated per
/// event for each phase, best of the passes; both are load-independent enough to compare builds on a busy machine.
/// </summary>
internal static class ServerPath
{
    private const int Passes = 5;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var rows = BenchData.Generate(args.Rows, seed: 1, firstDay: new DateOnly(2025, 1, 1));
        var bodies = Bodies(rows, args.HttpBatch);
        var registry = new IngestStreamRegistry(IngestStreams.All);
        var handler = registry.Of<ActivityItem>();
        var stream = (IngestStreamDefinition<ActivityItem>)handler.Stream;
        ItemParser<ActivityItem> parse = stream.ReadJson;
        var refs = Reference();
        var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var answer = new ArrayBufferWriter<byte>(1 << 20);
        Console.WriteLine($"Server path, in memory: {rows.Length:N0} activities in {bodies.Length:N0} NDJSON bodies of " +
                          $"{args.HttpBatch:N0} ({bodies.Sum(b => (long)b.Length) / (double)rows.Length:N0} B per event); " +
                          $"best of {Passes} passes after one warm-up");
        var best = new Phase[3];
        for (var pass = 0; pass <= Passes; pass++)
        {
            var phases = new Phase[3];
            long accepted = 0, answerBytes = 0;
            foreach (var body in bodies)
            {
                var mark = Phase.Mark();
                var items = await ItemStreamReader.ReadAsync(PipeReader.Create(new ReadOnlySequence<byte>(body)), ndjson: true,
                    long.MaxValue, parse, CancellationToken.None);
                phases[0] += Phase.Since(ref mark);
                var submission = handler.Builder.Build(items, new ValidationContext(refs, IngestScope.Unrestricted, now,
                    TimeSpan.FromMinutes(5)));
                phases[1] += Phase.Since(ref mark);
                for (var i = 0; i < submission.Count; i++)
                {
                    if (submission.StatusOf(i) != ItemStatus.Rejected)
                    {
                        submission.Set(i, ItemStatus.Accepted);
                    }
                }
                var result = submission.BuildResult();
                answer.ResetWrittenCount();
                using (var json = new Utf8JsonWriter(answer))
                {
                    IngestResponseWriter.Write(json, result);
                }
                phases[2] += Phase.Since(ref mark);
                accepted += result.Accepted;
                answerBytes += answer.WrittenCount;
            }
            if (accepted != rows.Length)
            {
                throw new InvalidOperationException($"Only {accepted:N0} of {rows.Length:N0} events were valid.");
            }
            if (pass == 0)
            {
                Console.WriteLine($"  answers: {answerBytes / (double)rows.Length:N0} B per event");
                continue;
            }
            for (var i = 0; i < best.Length; i++)
            {
                best[i] = pass == 1 ? phases[i] : Phase.Min(best[i], phases[i]);
            }
        }
        string[] names = ["read (NDJSON body → items)", "validate (items → submission)", "answer (result + JSON)"];
        for (var i = 0; i < best.Length; i++)
        {
            Console.WriteLine($"  {names[i],-32} {best[i].Line(rows.Length)}");
        }
        Console.WriteLine($"  {"server path total",-32} {(best[0] + best[1] + best[2]).Line(rows.Length)}");
        Console.WriteLine($"  load average {CostMeter.LoadAverage()}");
        return 0;
    }

    private static byte[][] Bodies(BenchRow[] rows, int size)
    {
        var file = Path.GetTempFileName();
        try
        {
            BenchData.WriteNdjsonAsync(file, rows).GetAwaiter().GetResult();
            // as the client builds its requests (HttpClientMode.Batches)
            return File.ReadAllLines(file).Chunk(size).Select(c => Encoding.UTF8.GetBytes(string.Join('\n', c) + "\n")).ToArray();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ReferenceData Reference()
    {
        var regions = new Dictionary<string, RegionRef>(StringComparer.Ordinal);
        var units = new Dictionary<string, UnitRef>(StringComparer.Ordinal);
        var employees = new Dictionary<string, EmployeeRef>(StringComparer.Ordinal);
        foreach (var (nip, unitId, regionId, tz) in BenchData.Employees())
        {
            if (!regions.TryGetValue(regionId, out var region))
            {
                regions[regionId] = region = new RegionRef(regionId, new RegionClock(tz), 330, 660);
            }
            if (!units.TryGetValue(unitId, out var unit))
            {
                units[unitId] = unit = new UnitRef(unitId, region);
            }
            employees[nip] = new EmployeeRef(nip, unit, null);
        }
        return new ReferenceData(employees, units, regions, DateTimeOffset.UtcNow);
    }

    /// <summary>CPU time (this thread's process; the run is single-threaded) and bytes allocated over a stretch of work.</summary>
    private readonly record struct Phase(TimeSpan Cpu, long Bytes)
    {
        public static (TimeSpan Cpu, long Bytes) Mark() =>
            (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));

        public static Phase Since(ref (TimeSpan Cpu, long Bytes) mark)
        {
            var now = Mark();
            var phase = new Phase(now.Cpu - mark.Cpu, now.Bytes - mark.Bytes);
            mark = now;
            return phase;
        }

        public static Phase operator +(Phase a, Phase b) => new(a.Cpu + b.Cpu, a.Bytes + b.Bytes);

        public static Phase Min(Phase a, Phase b) => new(a.Cpu < b.Cpu ? a.Cpu : b.Cpu, Math.Min(a.Bytes, b.Bytes));

        public string Line(int events) =>
            $"CPU {Cpu.TotalMicroseconds * 1000 / events,6:N0} ns/event, allocated {Bytes / (double)events,6:N0} B/event";
    }
}
