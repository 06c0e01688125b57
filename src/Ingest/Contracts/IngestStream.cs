namespace Kinerja.Ingest.Contracts;

/// <summary>The four ingest streams.</summary>
public enum IngestStream
{
    Activities,
    Attendance,
    Ratings,
    Reviews,
}
