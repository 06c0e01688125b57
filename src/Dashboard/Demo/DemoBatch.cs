using Kinerja.Ingest.Contracts;

namespace Kinerja.Dashboard.Demo;

/// <summary>Simulated events collected before they go through the ingest pipeline.</summary>
internal sealed class DemoBatch
{
    public List<ActivityItem> Activities { get; } = [];
    public List<AttendanceItem> Attendance { get; } = [];
    public List<ReviewItem> Reviews { get; } = [];
    public List<RatingItem> Ratings { get; } = [];
    public List<SurveyItem> Surveys { get; } = [];

    public int Count => Activities.Count + Attendance.Count + Reviews.Count + Ratings.Count + Surveys.Count;
}
