using Kinerja.Dashboard.Skp.Import;
using static Kinerja.Dashboard.Skp.Import.SkpImportCascadeOrder;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The writing order of one plan import (<see cref="SkpImportCascadeOrder"/>): superiors before their reports whatever the
/// file's order, file order otherwise, circles (of two, and an employee who is their own superior) set apart with their
/// chain, and a hostile chain of thousands of plans ordered without running out of stack.
/// </summary>
public sealed class SkpImportCascadeOrderTests
{
    [Fact]
    public void Superiors_ComeBeforeTheirReports_OtherwiseFileOrderIsKept()
    {
        var (order, cycles) = Order([
            new Node(0, "s1", 2025, "b"), new Node(1, "u", 2025, null), new Node(2, "b", 2025, "k"), new Node(3, "s2", 2025, "b"),
            new Node(4, "k", 2025, null), new Node(5, "b", 2024, "k"),
        ]);
        Assert.Empty(cycles);
        Assert.Equal([4, 2, 0, 1, 3, 5], order);
    }

    [Fact]
    public void APlanOfAnotherYear_IsNoSuperiorPlan_AndEveryPlanOfTheSuperiorComesFirst()
    {
        var (order, _) = Order([new Node(0, "s1", 2025, "b"), new Node(1, "b", 2024, null), new Node(2, "b", 2025, null), new Node(3, "b", 2025, null)]);
        Assert.Equal([2, 3, 0, 1], order);
    }

    [Fact]
    public void ACircle_IsSetApartWithItsChain_AndWhatHangsBelowItIsStillOrdered()
    {
        var (order, cycles) = Order([
            new Node(0, "s1", 2025, "b"), new Node(1, "b", 2025, "k"), new Node(2, "k", 2025, "b"), new Node(3, "self", 2025, "self"),
            new Node(4, "u", 2025, null),
        ]);
        Assert.Equal([0, 4], order);
        Assert.Equal(["b", "k", "b"], cycles[1]);
        Assert.Equal(["b", "k", "b"], cycles[2]);
        Assert.Equal(["self", "self"], cycles[3]);
        Assert.Equal(3, cycles.Count);
    }

    [Fact]
    public void AChainOfThousands_InReverse_IsOrderedTopDown()
    {
        const int n = 20_000;
        // plan i belongs to e{i}, whose superior is e{i+1}; the file lists the bottom first
        var nodes = Enumerable.Range(0, n).Select(i => new Node(i, "e" + i, 2025, i + 1 < n ? "e" + (i + 1) : null)).ToList();
        var (order, cycles) = Order(nodes);
        Assert.Empty(cycles);
        Assert.Equal(Enumerable.Range(0, n).Reverse(), order);
    }
}
