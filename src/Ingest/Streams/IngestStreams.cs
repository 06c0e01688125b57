using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Activity;
using Kinerja.Ingest.Streams.Attendance;
using Kinerja.Ingest.Streams.Feedback;
using Kinerja.Ingest.Streams.Rating;
using Kinerja.Ingest.Streams.Review;
using Kinerja.Ingest.Streams.Survey;
using Kinerja.Ingest.Streams.Withdrawal;

namespace Kinerja.Ingest.Streams;

/// <summary>
/// The product's ingest streams: the HTTP API maps one endpoint per entry, the CLI import accepts each name, the
/// OpenAPI document describes each item type, the conformance tests run over each, and <c>AddKinerjaIngest</c>
/// registers each for the writer (<see cref="IngestStreamRegistry"/>). A new stream is its folder under
/// <c>Streams/</c> (item, definition, validator, prepared struct, table) plus one line here (and a migration for
/// its table).
/// </summary>
internal static class IngestStreams
{
    /// <summary>Every stream, in the order the API and the import usage list them.</summary>
    public static IReadOnlyList<IngestStreamDefinition> All { get; } =
    [
        new ActivityStream(),
        new AttendanceStream(),
        new RatingStream(),
        new ReviewStream(),
        new FeedbackStream(),
        new SurveyStream(),
        new WithdrawalStream(),
    ];

    /// <summary>The stream with this route / import name (case-sensitive), or null.</summary>
    public static IngestStreamDefinition? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static IngestStreamDefinition Of(IngestStream stream) =>
        All.FirstOrDefault(s => s.Stream == stream) ?? throw new ArgumentOutOfRangeException(nameof(stream), stream, "No such ingest stream.");
}
