using Dapper;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Store;
using Npgsql;

namespace Kinerja.Dashboard.Tests.FollowUp;

/// <summary>Stores a trigger as the rules would (through <see cref="TriggerStore"/>) and returns the id of its follow-up item.</summary>
internal static class FollowUpSeed
{
    public static async Task<long> ItemAsync(NpgsqlDataSource db, string subject, string kind, string actor, string rule,
        string period, bool isUnit = false, string action = "Tindak lanjut uji")
    {
        var trigger = new Trigger
        {
            Kind = kind, Code = rule.ToUpperInvariant(), Subject = subject, IsUnit = isUnit, Period = period, Workflow = "uji_tindak_lanjut",
            Version = 1, Rule = rule, Inputs = new Dictionary<string, object?>(), Actor = actor, Action = action,
        };
        var stored = await new TriggerStore(db).InsertAsync([trigger], CancellationToken.None);
        var id = Assert.Single(stored).Id;
        await using var conn = await db.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("select id from followup where trigger_id = @id", new { id });
    }

    /// <summary>Sets the state (and done time) directly, for counts of finished items.</summary>
    public static async Task SetAsync(NpgsqlDataSource db, long id, string state, DateOnly? due = null, DateTimeOffset? doneAt = null)
    {
        await using var conn = await db.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            update followup set state = @state, due_date = coalesce(@due, due_date), done_at = coalesce(@doneAt, done_at) where id = @id
            """, new { id, state, due, doneAt });
    }
}
