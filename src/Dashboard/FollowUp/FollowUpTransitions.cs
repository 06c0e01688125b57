using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Rules.FollowUp;
using Npgsql;

namespace Kinerja.Dashboard.FollowUp;

/// <summary>The outcome of a transition request: done (the item after it), or why not.</summary>
internal enum TransitionOutcome { Done, NotFound, Forbidden, Conflict, Invalid }

/// <summary>
/// Moves an item: checks the move is legal from the state read under a row lock, updates it, appends the history row
/// and the audit row (<c>followup.transition</c>) in one transaction. The request itself is validated beforehand
/// (<see cref="FollowUpRequests"/>).
/// </summary>
public sealed class FollowUpTransitions(NpgsqlDataSource db)
{
    public const string AuditAction = "followup.transition";

    internal async Task<(TransitionOutcome Outcome, string? Detail)> MoveAsync(long id, FollowUpViewer viewer, string to,
        string note, string? evidenceUrl, string auditActor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var item = await conn.QuerySingleOrDefaultAsync<FollowUpRow>(new CommandDefinition("""
            select id, kind, state, region_id as regionId, trim(nip) as nip, trim(assignee_nip) as assigneeNip
            from followup where id = @id for update
            """, new { id }, tx, cancellationToken: ct));
        if (item is null)
        {
            return (TransitionOutcome.NotFound, $"No follow-up item has the id {id}.");
        }
        if (!viewer.CanAct(item))
        {
            return (TransitionOutcome.Forbidden, item.State == FollowUpStates.ForReview && viewer.Employee is not null
                ? "This item is marked for review (perlu_ditinjau): only HR of the region may move it."
                : "Only the assignee of this item or HR of its region may move it.");
        }
        if (!FollowUpStates.CanMove(item.State, to))
        {
            return (TransitionOutcome.Conflict, $"A follow-up item in state '{item.State}' cannot move to '{to}'.");
        }
        if (to == FollowUpStates.Done && FollowUpStates.DoneNeedsNote(item.Kind) && note.Length == 0)
        {
            return (TransitionOutcome.Invalid, $"Closing a {item.Kind.ToLowerInvariant()} follow-up (selesai) needs a note saying what was done.");
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            update followup set state = @to, updated_at = now(),
                   evidence_url = coalesce(@evidenceUrl, evidence_url),
                   done_at = case when @to = @done then now() else done_at end
            where id = @id;
            insert into followup_history (followup_id, actor, from_state, to_state, note, evidence_url)
            values (@id, @actor, @from, @to, @note, @evidenceUrl);
            """, new { id, to, evidenceUrl, done = FollowUpStates.Done, actor = viewer.ActorName, from = item.State, note },
            tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, auditActor, AuditAction, "followup:" + id,
            new { from = item.State, to, note = note.Length > 0, evidenceUrl }, ct);
        await tx.CommitAsync(ct);
        return (TransitionOutcome.Done, null);
    }
}
