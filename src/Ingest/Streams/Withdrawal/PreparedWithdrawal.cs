using Kinerja.Core.Changes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;
using Kinerja.Ingest.Streams.Writing;
using Npgsql;

namespace Kinerja.Ingest.Streams.Withdrawal;

/// <summary>
/// A valid withdrawal with its employee resolved. The writer check (<see cref="WithdrawalCheck"/>) fills in the
/// withdrawn activity's stored local day before the withdrawal is chosen for insertion.
/// </summary>
internal readonly record struct PreparedWithdrawal(int Index, WithdrawalItem Item, EmployeeRef Employee,
    DateOnly ActivityDay = default) : IPreparedEvent<PreparedWithdrawal>
{
    public Guid EventId => Item.EventId;

    public static void WriteRow(NpgsqlBinaryImporter copy, in PreparedWithdrawal item) => WithdrawalTable.WriteRow(copy, item);

    /// <summary>None: the table is not partitioned (withdrawals are few).</summary>
    public static DateOnly? MonthOf(in PreparedWithdrawal item) => null;

    /// <summary>A withdrawal moves its owner's figures (and their superior's review queue).</summary>
    public static bool Touches(in PreparedWithdrawal item, ReferenceData refs, out EventTouch touched)
    {
        touched = new EventTouch(item.Employee.Nip, item.Employee.Unit.Id, item.Employee.Region.Id);
        return true;
    }
}
