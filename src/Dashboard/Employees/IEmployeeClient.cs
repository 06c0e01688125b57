using Kinerja.Core.Indicators;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// What a connection of <c>/hubs/employee</c> receives (the contract with the employee screens). Today the current
/// snapshot on subscribe; live pushes to the <c>employee:{nip}</c> group (activities, reviews, triggers) come with the
/// <c>/saya</c> page, through <c>IHubContext&lt;EmployeeHub, IEmployeeClient&gt;</c>.
/// </summary>
public interface IEmployeeClient
{
    /// <summary>The employee's indicator snapshot of the current month (the body of <c>GET /api/v1/me</c>'s <c>snapshot</c>).</summary>
    Task Snapshot(IndicatorSnapshot snapshot);

    /// <summary>
    /// A continuous-feedback note about the employee was stored (sent to <c>employee:{nip}</c> after the commit by
    /// <c>POST /api/v1/team/feedback</c>). The note is the text as written: insert it as text, never as HTML.
    /// </summary>
    Task FeedbackAdded(FeedbackNote note);
}
