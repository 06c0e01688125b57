using System.Diagnostics;
using Kinerja.Core.Clock;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Spectre.Console;

namespace Kinerja.Ingest.Cli;

/// <summary>
/// <c>import &lt;stream&gt; &lt;file.csv|file.ndjson&gt;</c> for every stream in <see cref="IngestStreams"/>
/// (activities, attendance, ratings, reviews): the bulk import of
/// history through the same validation and write path as HTTP. Shows a progress bar with the rate,
/// prints a summary, writes rejected rows to <c>&lt;file&gt;.rejected.csv</c>. Re-running a file is a
/// no-op (every row a duplicate). Errors go to stderr, the progress and summary to stdout. Exit code: 0 all
/// stored (or already stored), 1 some rows rejected, 2 usage or file error, 69 the database stayed unavailable
/// (EX_UNAVAILABLE, as when it cannot be reached at start).
/// </summary>
public static class IngestCli
{
    /// <summary>The usage line, naming every registered stream.</summary>
    public static string Usage { get; } =
        $"usage: import {string.Join('|', IngestStreams.All.Select(s => s.Name))} <file.csv|file.ndjson>";
    private const int InFlight = 3;
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);

    /// <summary>Exit code when the database stays unavailable (sysexits EX_UNAVAILABLE).</summary>
    public const int Unavailable = Kinerja.Core.Startup.StartupExitCodes.Unavailable;

    /// <summary>
    /// Runs with services that include <c>AddKinerjaIngest</c> and an <see cref="NpgsqlDataSource"/>. A relative file
    /// path is taken from the working directory. <paramref name="console"/> (stdout by default) gets the progress and
    /// summary, <paramref name="error"/> (stderr by default) the errors.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, IAnsiConsole? console = null,
        TextWriter? error = null, CancellationToken ct = default)
    {
        console ??= AnsiConsole.Console;
        error ??= System.Console.Error;
        var rest = args.Length > 0 && args[0] == "import" ? args[1..] : args;
        if (rest.Length < 2)
        {
            return Fail(error, Usage, 2);
        }
        var path = Path.GetFullPath(rest[1]);
        if (!File.Exists(path))
        {
            return Fail(error, $"File not found: {path}", 2);
        }
        var pipeline = services.GetRequiredService<IngestPipeline>();
        var chunk = services.GetRequiredService<IOptions<IngestOptions>>().Value.BatchSize;
        var stream = services.GetRequiredService<IngestStreamRegistry>().All.FirstOrDefault(s => s.Name == rest[0]);
        if (stream is null)
        {
            return Fail(error, $"Unknown stream '{rest[0]}'. {Usage}", 2);
        }
        try
        {
            return await stream.Accept(new Import(path, pipeline, chunk, console, ct));
        }
        catch (FormatException ex)
        {
            return Fail(error, ex.Message, 2);
        }
        catch (IngestUnavailableException ex)
        {
            return Fail(error, $"{ex.Message} Gave up after {GiveUpAfter.TotalMinutes:0} minutes; re-run the import later (it is idempotent).",
                Unavailable);
        }
    }

    /// <summary>Runs against a connection string with a private pipeline (for tools without a host).</summary>
    public static async Task<int> RunAsync(string[] args, string connectionString, IAnsiConsole? console = null,
        TextWriter? error = null, CancellationToken ct = default)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        var configuration = new ConfigurationBuilder().Build();
        services.AddKinerjaClock(configuration, Environments.Production);
        services.AddKinerjaIngest(configuration);
        await using var provider = services.BuildServiceProvider();
        var writer = provider.GetRequiredService<IngestWriter>();
        try
        {
            return await RunAsync(args, provider, console, error, ct);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine("error: " + message);
        return code;
    }

    /// <summary>One file's import, run with the stream's item type known.</summary>
    private sealed record Import(string Path, IngestPipeline Pipeline, int ChunkSize, IAnsiConsole Console, CancellationToken Ct)
        : IStreamVisitor<Task<int>>
    {
        public Task<int> Visit<TItem>(IngestStreamDefinition<TItem> stream) where TItem : class, new() =>
            ImportAsync(stream, Path, Pipeline, ChunkSize, Console, Ct);
    }

    private static async Task<int> ImportAsync<T>(IngestStreamDefinition<T> stream, string path, IngestPipeline pipeline, int chunkSize,
        IAnsiConsole console, CancellationToken ct) where T : class, new()
    {
        var rejectedPath = path + ".rejected.csv";
        File.Delete(rejectedPath);
        var reader = new ItemFileReader<T>(stream, path, chunkSize);
        var totals = new Totals();
        var clock = Stopwatch.StartNew();
        using var rejected = new RejectedFile(rejectedPath);
        var length = Math.Max(1, new FileInfo(path).Length);
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var bar = progress.AddTask(stream.Name, maxValue: length);
                var inflight = new Queue<(FileChunk<T> Chunk, Task<IngestResult> Done)>();
                foreach (var chunk in reader.Read())
                {
                    inflight.Enqueue((chunk, await SubmitAsync(stream, pipeline, chunk, ct)));
                    while (inflight.Count >= InFlight)
                    {
                        await CompleteAsync(stream, pipeline, inflight.Dequeue(), totals, rejected, ct);
                        Report(bar, reader.Position, totals, clock, stream.Name);
                    }
                }
                while (inflight.Count > 0)
                {
                    await CompleteAsync(stream, pipeline, inflight.Dequeue(), totals, rejected, ct);
                }
                Report(bar, length, totals, clock, stream.Name);
            });
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        var table = new Table().AddColumns("rows", "accepted", "duplicates", "rejected", "seconds", "rows/s");
        table.AddRow($"{totals.Rows:N0}", $"{totals.Accepted:N0}", $"{totals.Duplicates:N0}", $"{totals.Rejected:N0}",
            $"{seconds:N1}", $"{totals.Rows / seconds:N0}");
        console.Write(table);
        if (totals.Rejected > 0)
        {
            console.MarkupLine($"[yellow]{totals.Rejected:N0} rejected rows with line numbers and reasons:[/] {Markup.Escape(rejectedPath)}");
            return 1;
        }
        return 0;
    }

    private static void Report(ProgressTask bar, long position, Totals totals, Stopwatch clock, string name)
    {
        bar.Value = Math.Min(position, bar.MaxValue);
        var rate = totals.Rows / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        bar.Description = $"{name} [grey]{totals.Rows:N0} rows, {rate:N0} rows/s[/]";
    }

    /// <summary>Validates and queues a chunk (in file order); retries while the database is away.</summary>
    private static async Task<Task<IngestResult>> SubmitAsync<T>(IngestStreamDefinition<T> stream, IngestPipeline pipeline,
        FileChunk<T> chunk, CancellationToken ct) where T : class, new()
    {
        var retrying = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var submission = await stream.PrepareAsync(pipeline, chunk.Items, null, ct);
                return await pipeline.EnqueueAsync(submission, Backpressure.Wait, ct);
            }
            catch (IngestUnavailableException ex) when (retrying.Elapsed < GiveUpAfter)
            {
                await Task.Delay(ex.RetryAfter, ct);
            }
        }
    }

    private static async Task CompleteAsync<T>(IngestStreamDefinition<T> stream, IngestPipeline pipeline,
        (FileChunk<T> Chunk, Task<IngestResult> Done) entry, Totals totals, RejectedFile rejected, CancellationToken ct)
        where T : class, new()
    {
        var retrying = Stopwatch.StartNew();
        var done = entry.Done;
        IngestResult result;
        while (true)
        {
            try
            {
                result = await done;
                break;
            }
            catch (IngestUnavailableException ex) when (retrying.Elapsed < GiveUpAfter)
            {
                await Task.Delay(ex.RetryAfter, ct);
                done = await SubmitAsync(stream, pipeline, entry.Chunk, ct);
            }
        }
        totals.Rows += result.Items.Count;
        totals.Accepted += result.Accepted;
        totals.Duplicates += result.Duplicates;
        totals.Rejected += result.Rejected;
        foreach (var item in result.Items)
        {
            if (item.Status == ItemStatus.Rejected)
            {
                rejected.Write(entry.Chunk.Lines[item.Index], item);
            }
        }
    }

    private sealed class Totals
    {
        public long Rows;
        public long Accepted;
        public long Duplicates;
        public long Rejected;
    }
}
