using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams.Withdrawal;

/// <summary>Employees' withdrawals of their own activities: <c>POST /api/v1/withdrawals</c>, <c>import withdrawals</c>.</summary>
internal sealed class WithdrawalStream : IngestStreamDefinition<WithdrawalItem, PreparedWithdrawal>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    private static readonly ItemField ActivityEventId = Contract.Required("activityEventId", FieldKind.Uuid,
        " (the eventId of the withdrawn activity)", csvHint: " (a UUID made by the client)");
    private static readonly ItemField Nip = Contract.Required("nip", FieldKind.Text, " (the employee's NIP)", csvHint: "");
    private static readonly ItemField ReplacedBy = Contract.Optional("replacedBy", FieldKind.Uuid);
    private static readonly ItemField OccurredAt = Contract.Required("occurredAt", FieldKind.Instant, " (ISO-8601 with offset)");

    public override IngestStream Stream => IngestStream.Withdrawals;

    public override StreamTable<PreparedWithdrawal> Table => WithdrawalTable.Instance;

    public override string Name => "withdrawals";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest employees' withdrawals of their own activities";

    public override string Purpose => "An employee withdraws a pending or returned activity of their own (an edit is a new activity " +
                                      "plus a withdrawal naming it in `replacedBy`). A withdrawn activity counts nowhere.";

    public override Guid EventIdOf(WithdrawalItem item) => item.EventId;

    protected override WithdrawalItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId),
        ActivityEventId = v.Uuid(ActivityEventId),
        Nip = v.Text(Nip) ?? "",
        ReplacedBy = v[ReplacedBy].Present ? v.Uuid(ReplacedBy) : null,
        OccurredAt = v.Instant(OccurredAt),
    };

    public override ItemValidator<WithdrawalItem, PreparedWithdrawal> Validator => WithdrawalValidator.Validate;

    public override JsonArray Examples() => WithdrawalDocumentation.Examples();

    public override void DescribeSchema(OpenApiSchema schema) => WithdrawalDocumentation.Describe(schema);
}
