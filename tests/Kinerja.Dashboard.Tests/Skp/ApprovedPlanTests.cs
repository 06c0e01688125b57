using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The set-up the realisation, assessment and evidence tests share: the world of <see cref="SkpWorldTests"/> and an
/// approved plan of <see cref="SkpProgressRequests.PastYear"/>.
/// </summary>
public abstract class ApprovedPlanTests(LoopServerFactory app, string prefix, int nipOffset) : SkpWorldTests(app, prefix, nipOffset)
{
    protected ApprovedPlan Plan { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Plan = await ApprovedPlanAsync(As, PastYear);
    }
}
