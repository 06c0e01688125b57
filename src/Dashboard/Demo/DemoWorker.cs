using Kinerja.Core.Domain;

namespace Kinerja.Dashboard.Demo;

/// <summary>
/// A simulated employee with a stable behaviour profile drawn from the NIP, so the demo has stars,
/// steady workers, strugglers and a few chronic absentees (to exercise every rule).
/// </summary>
internal sealed record DemoWorker(string Nip, string UnitId, string RegionId, RegionClock Clock, string? SupervisorNip)
{
    /// <summary>0 = problem case, 1 = weak, 2 = steady, 3 = star.</summary>
    public int Tier { get; } = Bucket(Nip) switch
    {
        < 5 => 0,
        < 22 => 1,
        < 85 => 2,
        _ => 3,
    };

    /// <summary>Chance of an unexcused absence (TKS) on a working day.</summary>
    public double TksChance => Tier switch { 0 => 0.12, 1 => 0.02, _ => 0.003 };

    public int DailyMinutesTarget => Tier switch { 0 => 200, 1 => 270, 2 => 330, _ => 400 };

    public (int Min, int Max) Scores => Tier switch { 0 => (1, 3), 1 => (2, 4), 2 => (3, 5), _ => (4, 6) };

    public double RejectChance => Tier switch { 0 => 0.3, 1 => 0.15, 2 => 0.05, _ => 0.02 };

    private static int Bucket(string nip) => (int)(DemoIds.Stable(nip) % 100);
}
