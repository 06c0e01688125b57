using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The set-up SKP test classes share: an employee world of their own (NIP prefix and offset per class, so classes never
/// meet), signed-in sessions and the unit's IKU for every year a plan may have.
/// </summary>
public abstract class SkpWorldTests(LoopServerFactory app, string prefix, int nipOffset) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    protected LoopServerFactory App => app;

    protected EmployeeWorld W { get; private set; } = null!;

    protected LoopSessions As { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        _ = app.BaseUri;
        W = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, prefix, nipOffset);
        As = new LoopSessions(app, W);
        await SeedIkuAsync(app.DataSource, W);
    }

    public Task DisposeAsync()
    {
        As.Dispose();
        return Task.CompletedTask;
    }
}
