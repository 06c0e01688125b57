using Kinerja.Ingest.Streams.Attendance;
using Kinerja.Ingest.Streams.Rating;
using Kinerja.Ingest.Streams.Review;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// Session-local staging tables for the streams that merge (<see cref="MergeSql"/>), shaped like their stream
/// tables' written columns (emptied at every commit), and the COPY commands into them. Created once per writer
/// connection.
/// </summary>
internal static class StagingSql
{
    public const string Review = "ingest_stage_review";
    public const string Attendance = "ingest_stage_attendance";
    public const string Rating = "ingest_stage_rating";

    // "ord" keeps the arrival order of attendance within a batch (the merge inserts in that order)
    public const string Create = $"""
        create temp table if not exists {Review} on commit delete rows as
            select {ReviewTable.Columns} from {ReviewTable.Name} with no data;
        create temp table if not exists {Attendance} on commit delete rows as
            select {AttendanceTable.Columns}, 0 as ord from {AttendanceTable.Name} with no data;
        create temp table if not exists {Rating} on commit delete rows as
            select {RatingTable.Columns} from {RatingTable.Name} with no data;
        """;

    public const string CopyReview = $"copy {Review} ({ReviewTable.Columns}) from stdin (format binary)";

    public const string CopyAttendance = $"copy {Attendance} ({AttendanceTable.Columns}, ord) from stdin (format binary)";

    public const string CopyRating = $"copy {Rating} ({RatingTable.Columns}) from stdin (format binary)";
}
