namespace Kinerja.Ingest.Contracts;

/// <summary>The ingest streams.</summary>
public enum IngestStream
{
    Activities,
    Attendance,
    Ratings,
    Reviews,
    Feedback,
    Surveys,
    Withdrawals,
}
