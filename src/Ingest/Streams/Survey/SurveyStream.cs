using System.Text.Json.Nodes;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams.Survey;

/// <summary>Citizen satisfaction surveys: <c>POST /api/v1/surveys</c>, <c>import surveys</c>.</summary>
internal sealed class SurveyStream : IngestStreamDefinition<SurveyItem, PreparedSurvey>
{
    private static readonly ItemFields Contract = new();
    private static readonly ItemField EventId = Contract.EventId();
    private static readonly ItemField UnitId = Contract.Required("unitId", FieldKind.Text);
    private static readonly ItemField ServiceId = Contract.Optional("serviceId", FieldKind.Text);
    private static readonly ItemField OfficerNip = Contract.Optional("officerNip", FieldKind.Text);
    private static readonly ItemField[] Answers =
        Enumerable.Range(1, 9).Select(i => Contract.Required("u" + i, FieldKind.Whole, " (1 to 4)")).ToArray();
    private static readonly ItemField AgeBand = Contract.Optional("ageBand", FieldKind.Text);
    private static readonly ItemField Sex = Contract.Optional("sex", FieldKind.Text);
    private static readonly ItemField Education = Contract.Optional("education", FieldKind.Text);
    private static readonly ItemField Occupation = Contract.Optional("occupation", FieldKind.Text);
    private static readonly ItemField Comment = Contract.Optional("comment", FieldKind.Text);
    private static readonly ItemField SubmittedAt = Contract.Required("submittedAt", FieldKind.Instant, " (ISO-8601 with offset)");

    public override IngestStream Stream => IngestStream.Surveys;

    public override StreamTable<PreparedSurvey> Table => SurveyTable.Instance;

    public override string Name => "surveys";

    public override IReadOnlyList<ItemField> Fields => Contract.All;

    public override string Summary => "Ingest citizen satisfaction surveys";

    public override string Purpose => "Answered citizen satisfaction surveys (PermenPAN-RB 14/2017): nine elements " +
                                      "`u1`..`u9` on 1-4 about a unit (`unitId`), optionally a service, the officer who " +
                                      "served, the respondent's profile and a complaint or suggestion.";

    public override Guid EventIdOf(SurveyItem item) => item.EventId;

    protected override SurveyItem Create(ItemValues v) => new()
    {
        EventId = v.Uuid(EventId),
        UnitId = v.Text(UnitId) ?? "",
        ServiceId = v.Text(ServiceId),
        OfficerNip = v.Text(OfficerNip),
        U1 = v.Whole(Answers[0]) ?? 0,
        U2 = v.Whole(Answers[1]) ?? 0,
        U3 = v.Whole(Answers[2]) ?? 0,
        U4 = v.Whole(Answers[3]) ?? 0,
        U5 = v.Whole(Answers[4]) ?? 0,
        U6 = v.Whole(Answers[5]) ?? 0,
        U7 = v.Whole(Answers[6]) ?? 0,
        U8 = v.Whole(Answers[7]) ?? 0,
        U9 = v.Whole(Answers[8]) ?? 0,
        AgeBand = v.Text(AgeBand),
        Sex = v.Text(Sex),
        Education = v.Text(Education),
        Occupation = v.Text(Occupation),
        Comment = v.Text(Comment),
        SubmittedAt = v.Instant(SubmittedAt),
    };

    public override ItemValidator<SurveyItem, PreparedSurvey> Validator => SurveyValidator.Validate;

    public override JsonArray Examples() => SurveyDocumentation.Examples();

    public override void DescribeSchema(OpenApiSchema schema) => SurveyDocumentation.Describe(schema);
}
