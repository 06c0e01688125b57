using System.Diagnostics;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams;
using Spectre.Console;

namespace Kinerja.Ingest.Cli;

/// <summary>What every stream's file import shares.</summary>
internal static class FileImport
{
    /// <summary>How long a chunk is retried while the database is unavailable.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(5);
}

/// <summary>
/// The import of one stream's file (<c>import &lt;stream&gt; &lt;file&gt;</c>), created by the stream's
/// <see cref="IngestStreamHandler{TItem}"/>: reads the file in chunks, keeps <see cref="InFlight"/> of them validated
/// and queued at once (retrying while the database is away), shows the progress and writes the rejected rows.
/// </summary>
internal sealed class FileImport<T>(IngestStreamDefinition<T> stream, SubmissionBuilder<T> builder, IngestPipeline pipeline)
    where T : class, new()
{
    private const int InFlight = 3;

    /// <summary>Imports the file at <paramref name="path"/> in chunks of <paramref name="chunkSize"/> items.</summary>
    public async Task<int> RunAsync(string path, int chunkSize, IAnsiConsole console, CancellationToken ct)
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
                    inflight.Enqueue((chunk, await SubmitAsync(chunk, ct)));
                    while (inflight.Count >= InFlight)
                    {
                        await CompleteAsync(inflight.Dequeue(), totals, rejected, ct);
                        Report(bar, reader.Position, totals, clock, stream.Name);
                    }
                }
                while (inflight.Count > 0)
                {
                    await CompleteAsync(inflight.Dequeue(), totals, rejected, ct);
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
    private async Task<Task<IngestResult>> SubmitAsync(FileChunk<T> chunk, CancellationToken ct)
    {
        var retrying = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var submission = await pipeline.PrepareAsync(builder, chunk.Items, null, ct);
                return await pipeline.EnqueueAsync(submission, Backpressure.Wait, ct);
            }
            catch (IngestUnavailableException ex) when (retrying.Elapsed < FileImport.GiveUpAfter)
            {
                await Task.Delay(ex.RetryAfter, ct);
            }
        }
    }

    private async Task CompleteAsync((FileChunk<T> Chunk, Task<IngestResult> Done) entry, Totals totals, RejectedFile rejected,
        CancellationToken ct)
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
            catch (IngestUnavailableException ex) when (retrying.Elapsed < FileImport.GiveUpAfter)
            {
                await Task.Delay(ex.RetryAfter, ct);
                done = await SubmitAsync(entry.Chunk, ct);
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
