using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams.Activity;

/// <summary>Daily activity claims: <c>POST /api/v1/activities</c>, <c>import activities</c>.</summary>
internal sealed class ActivityStream : IngestStreamDefinition<ActivityItem, PreparedActivity>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    private static readonly ItemField Nip = Contract.Required("nip", FieldKind.Text, " (the employee's 18-digit NIP)", csvHint: "");
    private static readonly ItemField OccurredAt = Contract.Required("occurredAt", FieldKind.Instant, " (ISO-8601 with offset)");
    private static readonly ItemField Minutes = Contract.Required("minutes", FieldKind.Whole);
    private static readonly ItemField Volume = Contract.Optional("volume", FieldKind.Number);
    private static readonly ItemField Output = Contract.Optional("output", FieldKind.Text);
    private static readonly ItemField Description = Contract.Required("description", FieldKind.Text);
    private static readonly ItemField SkpIndicator = Contract.Optional("skpIndicator", FieldKind.Text);

    public override IngestStream Stream => IngestStream.Activities;

    public override StreamTable<PreparedActivity> Table => ActivityTable.Instance;

    public override string Name => "activities";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest daily activity claims";

    public override string Purpose => "Daily activity claims (laporan aktivitas harian) of employees. Each activity is stored " +
                                      "pending until the employee's superior reviews it (`POST /api/v1/reviews`).";

    public override Guid EventIdOf(ActivityItem item) => item.EventId;

    protected override ActivityItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId),
        Nip = v.Text(Nip) ?? "",
        OccurredAt = v.Instant(OccurredAt),
        Minutes = v.Whole(Minutes) ?? 0,
        Volume = v.Number(Volume),
        Output = v.Text(Output),
        Description = v.Text(Description) ?? "",
        SkpIndicator = v.Text(SkpIndicator),
    };

    public override ItemValidator<ActivityItem, PreparedActivity> Validator => ActivityValidator.Validate;

    public override JsonArray Examples() => ActivityDocumentation.Examples();

    public override void DescribeSchema(OpenApiSchema schema) => ActivityDocumentation.Describe(schema);
}
