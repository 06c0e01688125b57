using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Streams.Withdrawal;

/// <summary>
/// Checks of one withdrawal that need no stored events: ids given, the employee registered (and in scope), the time.
/// The activity (exists, owner, state) and <c>replacedBy</c> are checked by the writer (<see cref="WithdrawalCheck"/>).
/// </summary>
internal static class WithdrawalValidator
{
    public static PreparedWithdrawal? Validate(int index, WithdrawalItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        ctx.RequireEventId(item.ActivityEventId, ref errors, "activityEventId");
        if (item.ReplacedBy is { } replacedBy)
        {
            ctx.RequireEventId(replacedBy, ref errors, "replacedBy");
            if (replacedBy == item.ActivityEventId && replacedBy != Guid.Empty)
            {
                Errors.Add(ref errors, "replacedBy", "replacedBy must name the new activity, not the withdrawn one (activityEventId).");
            }
        }
        var employee = ctx.Employee(item.Nip, "nip", ref errors);
        ctx.Instant(item.OccurredAt, "occurredAt", ref errors);
        if (errors is not null || employee is null)
        {
            return null;
        }
        return new PreparedWithdrawal(index, item, employee);
    }
}
