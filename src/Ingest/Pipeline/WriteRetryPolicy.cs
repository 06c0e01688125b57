using System.Net.Sockets;
using Kinerja.Ingest.Partitions;
using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>What went wrong with a batch, as far as retrying it goes.</summary>
internal enum WriteFailure
{
    /// <summary>An event id stored before or a day over its maximum: redo the batch carefully on the same connection.</summary>
    Conflict,

    /// <summary>A month's partition is gone (retention ran): create the batch's months again and redo it.</summary>
    MissingPartition,

    /// <summary>The connection or the server failed: retry on a fresh connection, then report the database down.</summary>
    Connection,

    /// <summary>Anything else: the batch's callers get the error.</summary>
    Fatal,
}

/// <summary>
/// The writer's one retry policy: which failures are retried and how, and how long it waits. A conflict is redone
/// at once, carefully; a missing partition once after re-creating the months; a broken connection once more on a
/// fresh connection (a pooled connection may have died with a server restart), after which the batch and everything
/// queued fail with 503 + <c>Retry-After</c> and the writer probes the server with a doubling delay until it is back.
/// An overlapped batch that fails for any reason is redone serially (<see cref="OverlappedBatch"/>).
/// </summary>
internal static class WriteRetryPolicy
{
    /// <summary>Tries of one batch when its connection breaks.</summary>
    public const int ConnectionAttempts = 2;

    /// <summary>First wait between probes of an unreachable server; it doubles up to <see cref="MaxProbeDelay"/>.</summary>
    public static readonly TimeSpan FirstProbeDelay = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxProbeDelay = TimeSpan.FromSeconds(5);

    /// <summary><c>Retry-After</c> of submissions failed because the writer is stopping.</summary>
    public static readonly TimeSpan ShuttingDownRetryAfter = TimeSpan.FromSeconds(5);

    public static TimeSpan NextProbeDelay(TimeSpan delay) =>
        TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, MaxProbeDelay.TotalMilliseconds));

    public static WriteFailure Classify(Exception ex) => ex switch
    {
        DayLimitExceededException => WriteFailure.Conflict,
        // the optimistic registry claim, or the COPY into a stream table, found an id stored before
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => WriteFailure.Conflict,
        _ when KnownMonths.IsNoPartition(ex) => WriteFailure.MissingPartition,
        _ when IsConnectionProblem(ex) => WriteFailure.Connection,
        _ => WriteFailure.Fatal,
    };

    public static bool IsConnectionProblem(Exception ex) => ex switch
    {
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => true,
        SocketException or IOException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsConnectionProblem(inner),
        _ => false,
    };
}
