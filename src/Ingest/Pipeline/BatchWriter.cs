using Kinerja.Ingest.Partitions;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Telemetry;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The serial driver: writes one batch as one <see cref="BatchTransaction"/>, its steps back to back; first
/// optimistically, then — when <see cref="WriteRetryPolicy"/> calls the failure a conflict (a stored event id, a day
/// over its maximum) — once more carefully; a batch known to conflict (its overlapped try failed on a conflict) is
/// written carefully at once. Months without partitions are created first (outside the transaction).
/// </summary>
internal static class BatchWriter
{
    /// <summary>Returns the number of items newly stored.</summary>
    /// <param name="careful">Skip the optimistic try: the batch is known to conflict (an optimistic try of it failed).</param>
    public static async Task<int> WriteAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch, ReferenceData refs,
        KnownMonths months, IngestMetrics metrics, bool careful, CancellationToken ct)
    {
        await months.EnsureAsync(conn, WorkSet.From(batch), ct);
        try
        {
            return await WriteWithFallbackAsync(conn, batch, refs, metrics, careful, ct);
        }
        catch (Exception ex) when (WriteRetryPolicy.Classify(ex) == WriteFailure.MissingPartition)
        {
            // retention dropped a month this writer still knew: create what the batch needs and redo it
            metrics.Redone(WriteFailure.MissingPartition);
            months.Forget();
            await months.EnsureAsync(conn, WorkSet.From(batch), ct);
            return await WriteWithFallbackAsync(conn, batch, refs, metrics, careful, ct);
        }
    }

    private static async Task<int> WriteWithFallbackAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch,
        ReferenceData refs, IngestMetrics metrics, bool careful, CancellationToken ct)
    {
        if (!careful)
        {
            try
            {
                return await WriteOnceAsync(conn, batch, refs, metrics, optimistic: true, ct);
            }
            catch (Exception ex) when (WriteRetryPolicy.Classify(ex) == WriteFailure.Conflict)
            {
                metrics.Redone(WriteFailure.Conflict);
            }
        }
        return await WriteOnceAsync(conn, batch, refs, metrics, optimistic: false, ct);
    }

    private static async Task<int> WriteOnceAsync(NpgsqlConnection conn, IReadOnlyList<Submission> batch,
        ReferenceData refs, IngestMetrics metrics, bool optimistic, CancellationToken ct)
    {
        await using var tx = await BatchTransaction.BeginAsync(conn, batch, refs, metrics, optimistic, ct);
        await tx.CheckAsync(ct);
        await tx.ClaimAsync(ct);
        await tx.CopyAsync(ct);
        await tx.RollupAsync(ct);
        return await tx.CommitAsync(ct);
    }
}
