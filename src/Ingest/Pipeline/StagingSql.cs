namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// Session-local staging tables the writer COPYs into (emptied at every commit), and the COPY commands.
/// Created once per writer connection.
/// </summary>
internal static class StagingSql
{
    public const string Create = """
        create temp table if not exists ingest_stage_activity (
            event_id uuid not null, nip text not null, occurred_at timestamptz not null, local_day date not null,
            minutes integer not null, volume numeric, output text, description text not null, skp_indicator text
        ) on commit delete rows;
        create temp table if not exists ingest_stage_review (
            event_id uuid not null, activity_event_id uuid not null, activity_day date not null, approved boolean not null,
            reviewer_nip text not null, at timestamptz not null
        ) on commit delete rows;
        create temp table if not exists ingest_stage_attendance (
            ord integer not null, event_id uuid not null, nip text not null, day date not null,
            status text not null, late_minutes integer not null
        ) on commit delete rows;
        create temp table if not exists ingest_stage_rating (
            event_id uuid not null, ratee_nip text, unit_id text, rater_role text not null, rater_ref text,
            aspect text not null, score smallint not null, period text not null, occurred_at timestamptz not null
        ) on commit delete rows;
        """;

    public const string CopyActivity = """
        copy ingest_stage_activity (event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator)
        from stdin (format binary)
        """;

    public const string CopyReview = """
        copy ingest_stage_review (event_id, activity_event_id, activity_day, approved, reviewer_nip, at)
        from stdin (format binary)
        """;

    public const string CopyAttendance = """
        copy ingest_stage_attendance (ord, event_id, nip, day, status, late_minutes) from stdin (format binary)
        """;

    public const string CopyRating = """
        copy ingest_stage_rating (event_id, ratee_nip, unit_id, rater_role, rater_ref, aspect, score, period, occurred_at)
        from stdin (format binary)
        """;
}
