namespace Kinerja.ScaleOut.Tests;

/// <summary>
/// Every class here starts several server processes (and Redis); they run one class at a time so the
/// processes of different classes do not compete for the CPU and timings stay meaningful.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "Server processes";
}
