using Kinerja.Core.Indicators;

namespace Kinerja.Dashboard.Employees;

/// <summary>
/// What a connection of <c>/hubs/employee</c> receives (the contract with the employee screens). A connection joins
/// <c>employee:{nip}</c> with <c>Subscribe</c>: the employee themself and their superior chain only
/// (<see cref="Access.BoardGroupAccess"/>). After every commit that touched an employee (an activity logged, a review
/// with its note, …) the change feed (<see cref="EmployeeFeedHandler"/>) sends <see cref="ActivitiesChanged"/> to
/// <c>employee:{nip}</c>, and <see cref="ReviewQueueChanged"/> to <c>employee:{superiorNip}</c> of their direct
/// superior. A superior therefore follows their own queue on their own group (no extra group: the report's NIP in
/// the message is no more than the superior may see), or the activities of one report on that report's group. The
/// messages are hints without personal text: the screen re-reads <c>GET /api/v1/me/activities</c>,
/// <c>GET /api/v1/me</c> or <c>GET /api/v1/team/reviews</c>, so reconnecting and re-reading is always enough.
/// </summary>
public interface IEmployeeClient
{
    /// <summary>The employee's indicator snapshot of the current month (the body of <c>GET /api/v1/me</c>'s <c>snapshot</c>).</summary>
    Task Snapshot(IndicatorSnapshot snapshot);

    /// <summary>
    /// To <c>employee:{nip}</c>: something of this employee was committed (an activity logged, reviewed with a note,
    /// or other events); their activities' states and snapshot may have moved.
    /// </summary>
    Task ActivitiesChanged(EmployeeChange change);

    /// <summary>
    /// To <c>employee:{nip}</c>: the live indicators of this employee moved after a commit was applied, or the rules
    /// stored new levels (rating hasil kerja, perilaku, predicate) for them; re-read <c>GET /api/v1/me</c>. Sent by
    /// <see cref="EmployeeIndicatorsPush"/> after <see cref="ActivitiesChanged"/>, which comes before the recompute.
    /// </summary>
    Task IndicatorsChanged(EmployeeChange change);

    /// <summary>
    /// To <c>employee:{superiorNip}</c>: the activities of the direct report <see cref="EmployeeChange.Nip"/> changed, so
    /// the superior's review queue (<c>GET /api/v1/team/reviews</c>) may have too.
    /// </summary>
    Task ReviewQueueChanged(EmployeeChange change);

    /// <summary>
    /// A continuous-feedback note about the employee was stored (sent to <c>employee:{nip}</c> after the commit by
    /// <c>POST /api/v1/team/feedback</c>). The note is the text as written: insert it as text, never as HTML.
    /// </summary>
    Task FeedbackAdded(FeedbackNote note);

    /// <summary>
    /// To <c>employee:{nip}</c> and to <c>employee:{superiorNip}</c> of the direct superior: the SKP plan of
    /// <see cref="EmployeeChange.Nip"/> was saved, submitted or decided. A hint without text: re-read
    /// <c>GET /api/v1/me/skp</c> or <c>GET /api/v1/team/skp</c>.
    /// </summary>
    Task SkpChanged(EmployeeChange change);

    /// <summary>
    /// To <c>employee:{assigneeNip}</c> and <c>employee:{nip}</c>: follow-up item <see cref="FollowUp.FollowUpChange.Id"/>
    /// moved to <see cref="FollowUp.FollowUpChange.State"/>. A hint without text: re-read <c>GET /api/v1/followups?assignee=me</c>.
    /// </summary>
    Task FollowUpChanged(FollowUp.FollowUpChange change);
}

/// <summary>Whose data changed (<c>nip</c>) and when the change was seen (<c>at</c>, UTC).</summary>
public sealed record EmployeeChange(string Nip, DateTimeOffset At);
