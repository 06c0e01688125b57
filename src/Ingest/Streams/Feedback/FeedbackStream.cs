using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams.Feedback;

/// <summary>Continuous-feedback notes of superiors: <c>POST /api/v1/feedback</c>, <c>import feedback</c>.</summary>
internal sealed class FeedbackStream : IngestStreamDefinition<FeedbackItem, PreparedFeedback>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    private static readonly ItemField Nip = Contract.Required("nip", FieldKind.Text, " (the employee's NIP)", csvHint: "");
    private static readonly ItemField AuthorNip = Contract.Required("authorNip", FieldKind.Text, " (the supervisor's NIP)", csvHint: "");
    private static readonly ItemField Note = Contract.Required("note", FieldKind.Text, " (the feedback text)", csvHint: "");
    private static readonly ItemField OccurredAt = Contract.Required("occurredAt", FieldKind.Instant, " (ISO-8601 with offset)");

    public override IngestStream Stream => IngestStream.Feedback;

    public override StreamTable<PreparedFeedback> Table => FeedbackTable.Instance;

    public override string Name => "feedback";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest superiors' continuous-feedback notes";

    public override string Purpose => "Notes a superior writes about a direct report, not tied to an activity " +
                                      "(umpan balik berkelanjutan, PermenPAN-RB 6/2022).";

    public override Guid EventIdOf(FeedbackItem item) => item.EventId;

    protected override FeedbackItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId),
        Nip = v.Text(Nip) ?? "",
        AuthorNip = v.Text(AuthorNip) ?? "",
        Note = v.Text(Note) ?? "",
        OccurredAt = v.Instant(OccurredAt),
    };

    public override ItemValidator<FeedbackItem, PreparedFeedback> Validator => FeedbackValidator.Validate;

    public override JsonArray Examples() => FeedbackDocumentation.Examples();

    public override void DescribeSchema(OpenApiSchema schema) => FeedbackDocumentation.Describe(schema);
}
