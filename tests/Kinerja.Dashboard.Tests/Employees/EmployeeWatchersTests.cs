using Kinerja.Dashboard.Employees;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// The registry of watched people's groups: a group is watched while at least one connection holds it; joining twice
/// counts once; a connection's close releases all it held; with several instances every group counts as watched.
/// </summary>
public sealed class EmployeeWatchersTests
{
    private const string A = "199001012015011001";
    private const string B = "199202022016022002";

    [Fact]
    public void NobodyWatches_UntilAScreenJoins()
    {
        var watchers = EmployeeWatchers.ThisInstance();
        Assert.False(watchers.Any);
        Assert.False(watchers.Watches(A));

        watchers.Joined("c1", A);

        Assert.True(watchers.Any);
        Assert.True(watchers.Watches(A));
        Assert.False(watchers.Watches(B));
    }

    [Fact]
    public void AGroupStaysWatched_UntilItsLastConnectionLeaves()
    {
        var watchers = EmployeeWatchers.ThisInstance();
        watchers.Joined("c1", A);
        watchers.Joined("c1", A); // the same screen subscribing again counts once
        watchers.Joined("c2", A);

        watchers.Left("c1", A);
        Assert.True(watchers.Watches(A));

        watchers.Left("c2", A);
        Assert.False(watchers.Watches(A));
        Assert.False(watchers.Any);
    }

    [Fact]
    public void LeavingAGroupNeverJoined_ChangesNothing()
    {
        var watchers = EmployeeWatchers.ThisInstance();
        watchers.Joined("c1", A);

        watchers.Left("c2", A);
        watchers.Left("c1", B);
        watchers.Gone("c3");

        Assert.True(watchers.Watches(A));
    }

    [Fact]
    public void AClosedConnection_ReleasesEveryGroupItHeld_AndOnlyItsOwn()
    {
        var watchers = EmployeeWatchers.ThisInstance();
        watchers.Joined("c1", A);
        watchers.Joined("c1", B);
        watchers.Joined("c2", B);

        watchers.Gone("c1");

        Assert.False(watchers.Watches(A));
        Assert.True(watchers.Watches(B));
        watchers.Gone("c1"); // closed twice: nothing more to release
        Assert.True(watchers.Watches(B));
    }

    [Fact]
    public void WithSeveralInstances_EveryGroupCountsAsWatched()
    {
        var watchers = EmployeeWatchers.Cluster();

        Assert.True(watchers.Any);
        Assert.True(watchers.Watches(A));
    }

    [Fact]
    public void ConcurrentJoinsAndCloses_LeaveNoGroupWatched()
    {
        var watchers = EmployeeWatchers.ThisInstance();
        Parallel.For(0, 2_000, i =>
        {
            var connection = "c" + i;
            watchers.Joined(connection, i % 2 == 0 ? A : B);
            watchers.Joined(connection, B);
            watchers.Gone(connection);
        });

        Assert.False(watchers.Any);
    }
}
