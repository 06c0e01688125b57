using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The writer's side of <c>event_registry</c> (migration 0006): the streams are partitioned by month and
/// their primary keys include the month, so the registry — unpartitioned, one narrow row per stored event —
/// is what makes an event id unique across months. <see cref="MergeSql"/> claims ids there with <c>on conflict
/// do nothing</c>; the direct activity path claims them with a plain insert, whose unique violation sends the
/// batch down the merge path (as a primary-key violation of <c>activity</c> does).
/// </summary>
internal static class EventRegistry
{
    private const string ClaimActivities = """
        insert into event_registry (event_id, stream) select unnest($1::uuid[]), 'a'
        """;

    /// <summary>Claims the ids of activities COPYed directly; fails with a unique violation when one is stored already.</summary>
    public static NpgsqlBatchCommand ClaimActivitiesCommand(List<Entry<PreparedActivity>> activities)
    {
        var ids = new Guid[activities.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = activities[i].Item.Item.EventId;
        }
        var cmd = new NpgsqlBatchCommand(ClaimActivities);
        cmd.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        return cmd;
    }
}
