using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams.Rating;

/// <summary>Ratings (360-degree and citizen satisfaction): <c>POST /api/v1/ratings</c>, <c>import ratings</c>.</summary>
internal sealed class RatingStream : IngestStreamDefinition<RatingItem, PreparedRating>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    // nip and unitId: exactly one of the two, checked by the validator.
    private static readonly ItemField Nip = Contract.Optional("nip", FieldKind.Text);
    private static readonly ItemField UnitId = Contract.Optional("unitId", FieldKind.Text);
    private static readonly ItemField RaterRole = Contract.Required("raterRole", FieldKind.Text);
    private static readonly ItemField RaterRef = Contract.Optional("raterRef", FieldKind.Text);
    private static readonly ItemField Aspect = Contract.Required("aspect", FieldKind.Text);
    private static readonly ItemField Score = Contract.Required("score", FieldKind.Whole, " (1 to 5)", csvHint: "");
    private static readonly ItemField Period = Contract.Required("period", FieldKind.Text, " (the rated month, YYYY-MM)");
    private static readonly ItemField OccurredAt = Contract.Required("occurredAt", FieldKind.Instant, " (ISO-8601 with offset)");

    public override IngestStream Stream => IngestStream.Ratings;

    public override StreamTable<PreparedRating> Table => RatingTable.Instance;

    public override string Name => "ratings";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest ratings (360-degree and citizen satisfaction)";

    public override string Purpose => "Scores given by raters: 360-degree ratings of an employee (`nip`) or citizen " +
                                      "satisfaction with a unit (`unitId`).";

    public override Guid EventIdOf(RatingItem item) => item.EventId;

    protected override RatingItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId),
        Nip = v.Text(Nip),
        UnitId = v.Text(UnitId),
        RaterRole = v.Text(RaterRole) ?? "",
        RaterRef = v.Text(RaterRef),
        Aspect = v.Text(Aspect) ?? "",
        Score = v.Whole(Score) ?? 0,
        Period = v.Text(Period) ?? "",
        OccurredAt = v.Instant(OccurredAt),
    };

    public override ItemValidator<RatingItem, PreparedRating> Validator => RatingValidator.Validate;

    public override JsonArray Examples() => RatingDocumentation.Examples();

    public override void DescribeSchema(OpenApiSchema schema) => RatingDocumentation.Describe(schema);
}
