namespace Kinerja.Bench.Soak;

/// <summary>
/// Items the server rejected against what the <see cref="WorkloadPlan"/> expected among the acked ones (none, unless
/// the run was a deliberate flood over the daily maximum). Any difference fails the run: an unexpected rejection is a
/// workload that hit a real limit or a server that refused a valid item; too few means the maximum was not enforced.
/// Batches without a 2xx may have committed items the expectation cannot see, so then only more than expected fails.
/// </summary>
public sealed record Rejections(long Observed, long Expected, int UnackedBatches)
{
    public bool AsPlanned => UnackedBatches == 0 ? Observed == Expected : Observed <= Expected;

    public string Verdict => AsPlanned
        ? $"as planned ({Observed:N0} rejected, {Expected:N0} expected)"
        : $"**NOT as planned: {Observed:N0} rejected, {Expected:N0} expected**";
}
