using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams.Attendance;

/// <summary>Attendance records: <c>POST /api/v1/attendance</c>, <c>import attendance</c>.</summary>
internal sealed class AttendanceStream : IngestStreamDefinition<AttendanceItem, PreparedAttendance>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    private static readonly ItemField Nip = Contract.Required("nip", FieldKind.Text, " (the employee's 18-digit NIP)", csvHint: "");
    private static readonly ItemField Day = Contract.Required("day", FieldKind.Date, " (the local date YYYY-MM-DD)");
    private static readonly ItemField Status = Contract.Required("status", FieldKind.Text);
    private static readonly ItemField LateMinutes = Contract.Optional("lateMinutes", FieldKind.Whole);
    private static readonly ItemField EarlyLeaveMinutes = Contract.Optional("earlyLeaveMinutes", FieldKind.Whole);
    private static readonly ItemField Apel = Contract.Optional("apel", FieldKind.Boolean);
    private static readonly ItemField LeaveType = Contract.Optional("leaveType", FieldKind.Text);

    public override IngestStream Stream => IngestStream.Attendance;

    public override StreamTable<PreparedAttendance> Table => AttendanceTable.Instance;

    public override string Name => "attendance";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest attendance records";

    public override string Purpose => "Attendance of an employee for a local day. The latest record of a (nip, day) by " +
                                      "arrival is the day's status.";

    public override Guid EventIdOf(AttendanceItem item) => item.EventId;

    protected override AttendanceItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId),
        Nip = v.Text(Nip) ?? "",
        Day = v.Date(Day),
        Status = v.Text(Status) ?? "",
        LateMinutes = v.Whole(LateMinutes),
        EarlyLeaveMinutes = v.Whole(EarlyLeaveMinutes),
        Apel = v.Boolean(Apel),
        LeaveType = v.Text(LeaveType),
    };

    public override ItemValidator<AttendanceItem, PreparedAttendance> Validator => AttendanceValidator.Validate;

    public override JsonArray Examples() => AttendanceDocumentation.Examples();

    public override void DescribeSchema(OpenApiSchema schema) => AttendanceDocumentation.Describe(schema);
}
