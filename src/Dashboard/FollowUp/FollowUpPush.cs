using Kinerja.Dashboard.Employees;
using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.FollowUp;

/// <summary>
/// After a committed transition: <see cref="IEmployeeClient.FollowUpChanged"/> (a hint without text) to the assignee's
/// and the employee's <c>employee:{nip}</c> groups, so both screens re-read <c>GET /api/v1/followups</c>. HR has no
/// employee group: the HR list re-reads on its own actions and on load. Not gated by <see cref="EmployeeWatchers"/>: a
/// transition is a person's action, nothing is read for the send, a send to a group without connections costs one look-up
/// in SignalR's group list, and with several instances every group counts as watched anyway (see <see cref="Skp.SkpPush"/>).
/// </summary>
internal static class FollowUpPush
{
    public static async Task AfterCommitAsync(IServiceProvider services, FollowUpChange change, string? assigneeNip, ILogger log)
    {
        if (services.GetService<IHubContext<EmployeeHub, IEmployeeClient>>() is not { } hub)
        {
            return;
        }
        try
        {
            foreach (var nip in new[] { assigneeNip, change.Nip }.OfType<string>().Distinct())
            {
                await hub.Clients.Group(EmployeeHub.GroupPrefix + nip).FollowUpChanged(change);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // committed is committed: a lost hint only delays the screens until they reload
            log.LogWarning(ex, "Could not push FollowUpChanged for item {Id}", change.Id);
        }
    }
}
