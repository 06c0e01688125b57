using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams.Review;

/// <summary>Supervisors' reviews of activities: <c>POST /api/v1/reviews</c>, <c>import reviews</c>.</summary>
internal sealed class ReviewStream : IngestStreamDefinition<ReviewItem, PreparedReview>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    private static readonly ItemField ActivityEventId = Contract.Required("activityEventId", FieldKind.Uuid,
        " (the eventId of the reviewed activity)", csvHint: " (a UUID made by the client)");
    private static readonly ItemField Approved = Contract.Required("approved", FieldKind.Boolean, " (true or false)");
    private static readonly ItemField ReviewerNip = Contract.Required("reviewerNip", FieldKind.Text, " (the supervisor's NIP)", csvHint: "");
    private static readonly ItemField At = Contract.Required("at", FieldKind.Instant, " (ISO-8601 with offset)");
    private static readonly ItemField Note = Contract.Optional("note", FieldKind.Text);

    public override IngestStream Stream => IngestStream.Reviews;

    public override StreamTable<PreparedReview> Table => ReviewTable.Instance;

    public override string Name => "reviews";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest supervisors' reviews of activities";

    public override string Purpose => "Superiors' verdicts on activities. An activity's status is the verdict of its latest review by `at`.";

    public override Guid EventIdOf(ReviewItem item) => item.EventId;

    protected override ReviewItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId),
        ActivityEventId = v.Uuid(ActivityEventId),
        Approved = v.Boolean(Approved) ?? false,
        ReviewerNip = v.Text(ReviewerNip) ?? "",
        At = v.Instant(At),
        Note = v.Text(Note),
    };

    public override ItemValidator<ReviewItem, PreparedReview> Validator => ReviewValidator.Validate;

    public override JsonArray Examples() => ReviewDocumentation.Examples();

    public override void DescribeSchema(OpenApiSchema schema) => ReviewDocumentation.Describe(schema);
}
