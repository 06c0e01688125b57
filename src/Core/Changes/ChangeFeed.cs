using Npgsql;

namespace Kinerja.Core.Changes;

/// <summary>
/// The one writer of the change feed: every <c>pg_notify</c> of the product goes through here. Send inside the
/// transaction that wrote the change, so listeners hear of it only once it is committed (and never of a
/// rolled-back one). All payloads of a notice go in one statement.
/// </summary>
public static class ChangeFeed
{
    private const string NotifySql = "select pg_notify($1, p) from unnest($2::text[]) as p";

    /// <summary>Queues the notice on <paramref name="conn"/> inside <paramref name="tx"/> (without one, the statement commits on its own).</summary>
    public static async Task SendAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, ChangeNotice notice, CancellationToken ct)
    {
        if (notice.IsEmpty)
        {
            return;
        }
        await using var cmd = new NpgsqlCommand(NotifySql, conn, tx);
        AddParameters(cmd.Parameters, notice);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The notice as one command of an <see cref="NpgsqlBatch"/> (the ingest sends it with its batch's last round trip).</summary>
    public static NpgsqlBatchCommand Command(ChangeNotice notice)
    {
        var cmd = new NpgsqlBatchCommand(NotifySql);
        AddParameters(cmd.Parameters, notice);
        return cmd;
    }

    private static void AddParameters(NpgsqlParameterCollection parameters, ChangeNotice notice)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = notice.Channel });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = notice.Payloads.ToArray() });
    }
}
