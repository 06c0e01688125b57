using System.Globalization;

namespace Kinerja.Ingest.Bench;

/// <summary>Command line of the benchmark and of its HTTP client process.</summary>
internal sealed class BenchArgs
{
    public int Rows { get; private set; } = 1_000_000;
    public int ControlRows { get; private set; } = 20_000;
    public int Rate { get; private set; } = 5_000;
    public int LatencySeconds { get; private set; } = 15;
    public int HttpBatch { get; private set; } = 2_000;
    public int HttpConcurrency { get; private set; } = 4;
    /// <summary>(b) submissions in flight: 3, as the <c>import</c> command keeps (<c>IngestCli.InFlight</c>).</summary>
    public int Producers { get; private set; } = 3;

    /// <summary>(b) items per submission; default the writer's batch size, as the <c>import</c> command chunks a file.</summary>
    public int? Chunk { get; private set; }
    public int? BatchSize { get; private set; }

    /// <summary><c>--overlap off</c> writes every batch serially (<c>Kinerja:Ingest:OverlapBatches</c> false).</summary>
    public bool? Overlap { get; private set; }
    public string Work { get; private set; } = Path.Combine(Path.GetTempPath(), "kinerja-bench-ingest");

    /// <summary>Only the partitioned vs unpartitioned comparison of (b) and stream reads (<see cref="PartitionCompare"/>).</summary>
    public bool ComparePartitioning { get; private set; }

    /// <summary><c>--statements</c>: print <c>pg_stat_statements</c> of (b) and (c) (<see cref="Statements"/>).</summary>
    public bool Statements { get; private set; }

    /// <summary>Create the rows' months' stream partitions before (b)'s and (c)'s timers (<see cref="PremadeMonths"/>).</summary>
    public bool PremakeMonths { get; private set; }

    /// <summary>
    /// <c>--server-path</c>: only the HTTP server's own per-event work on the (c) request bodies, in memory, without
    /// PostgreSQL or sockets (<see cref="ServerPath"/>); <c>--rows</c> events.
    /// </summary>
    public bool ServerPath { get; private set; }

    // client mode
    public bool Client { get; private set; }
    public string Url { get; private set; } = "";
    public string File { get; private set; } = "";
    public string Mode { get; private set; } = "throughput";

    /// <summary>The (b) chunk: <c>--chunk</c>, else <c>--batch-size</c>, else the product's default batch size.</summary>
    public int ChunkOrBatchSize => Chunk ?? BatchSize ?? new Kinerja.Ingest.IngestOptions().BatchSize;

    public static BenchArgs Parse(string[] args)
    {
        var a = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--rows": a.Rows = Int(); break;
                case "--control-rows": a.ControlRows = Int(); break;
                case "--rate": a.Rate = Int(); break;
                case "--latency-seconds": a.LatencySeconds = Int(); break;
                case "--http-batch": a.HttpBatch = Int(); break;
                case "--http-concurrency": a.HttpConcurrency = Int(); break;
                case "--producers": a.Producers = Int(); break;
                case "--chunk": a.Chunk = Int(); break;
                case "--batch-size": a.BatchSize = Int(); break;
                case "--overlap": a.Overlap = Next() != "off"; break;
                case "--work": a.Work = Next(); break;
                case "--compare-partitioning": a.ComparePartitioning = true; break;
                case "--statements": a.Statements = true; break;
                case "--premake-months": a.PremakeMonths = true; break;
                case "--server-path": a.ServerPath = true; break;
                case "--client": a.Client = true; break;
                case "--url": a.Url = Next(); break;
                case "--file": a.File = Next(); break;
                case "--mode": a.Mode = Next(); break;
                default: throw new ArgumentException($"Unknown argument {args[i]}");
            }
        }
        return a;
    }
}
