namespace Kinerja.Bench.Soak;

/// <summary>
/// Items the server rejected against what the <see cref="WorkloadPlan"/> expected among the acked ones (none, unless
/// the run was a deliberate flood over the daily maximum). Any difference fails the run: an unexpected rejection is a
/// workload that hit a real limit or a server that refused a valid item; too few means the maximum was not enforced.
/// Items of batches that got no 2xx may have committed and taken room on their days, so in a flood up to that many
/// more rejections than expected are allowed; a plan within the limits allows none whatever happened.
/// </summary>
public sealed record Rejections(long Observed, long Expected, bool PlanExceedsLimit, long UnackedItems)
{
    public bool AsPlanned => PlanExceedsLimit
        ? Observed >= Expected && Observed <= Expected + UnackedItems
        : Observed == 0;

    public string Verdict => AsPlanned
        ? $"as planned ({Observed:N0} rejected, {Expected:N0} expected)"
        : $"**NOT as planned: {Observed:N0} rejected, {Expected:N0} expected" + (UnackedItems > 0 ? $" (up to {UnackedItems:N0} more allowed: items without a 2xx)" : "") + "**";
}
