using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Reference;

namespace Kinerja.Ingest.Pipeline;

/// <summary>A valid activity with what the writer needs resolved (owner, local day).</summary>
internal readonly record struct PreparedActivity(int Index, ActivityItem Item, EmployeeRef Employee, DateOnly LocalDay);

internal readonly record struct PreparedAttendance(int Index, AttendanceItem Item, EmployeeRef Employee);

/// <summary>A valid rating; <see cref="Employee"/> is null for a unit rating.</summary>
internal readonly record struct PreparedRating(int Index, RatingItem Item, EmployeeRef? Employee, UnitRef Unit);

internal readonly record struct PreparedReview(int Index, ReviewItem Item, EmployeeRef Reviewer);
