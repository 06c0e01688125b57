using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The set-up the realisation, assessment and evidence tests share: an employee world of their own (NIP prefix and
/// offset per class, so classes never meet), signed-in sessions, the unit's IKU and an approved plan of
/// <see cref="SkpProgressRequests.PastYear"/>.
/// </summary>
public abstract class ApprovedPlanTests(LoopServerFactory app, string prefix, int nipOffset)
    : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    protected LoopServerFactory App => app;

    protected EmployeeWorld W { get; private set; } = null!;

    protected LoopSessions As { get; private set; } = null!;

    protected ApprovedPlan Plan { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        W = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, prefix, nipOffset);
        As = new LoopSessions(app, W);
        await SeedIkuAsync(app.DataSource, W);
        Plan = await ApprovedPlanAsync(As, PastYear);
    }

    public Task DisposeAsync()
    {
        As.Dispose();
        return Task.CompletedTask;
    }
}
