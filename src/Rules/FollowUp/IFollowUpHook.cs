using Npgsql;

namespace Kinerja.Rules.FollowUp;

/// <summary>
/// The seam for what must happen in the same transaction as a new follow-up item (the transactional outbox of a later
/// round writes its "new item" row here). Registered implementations run inside the trigger insert's transaction; a
/// throw rolls the triggers and items back together.
/// </summary>
public interface IFollowUpHook
{
    /// <summary>Items <paramref name="itemIds"/> were created on <paramref name="conn"/> in <paramref name="tx"/> (not committed yet).</summary>
    Task ItemsCreatedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<long> itemIds, CancellationToken ct);
}
