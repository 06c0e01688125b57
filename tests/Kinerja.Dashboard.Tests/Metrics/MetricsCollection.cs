namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>The metrics tests share one server (<see cref="MetricsAppFactory"/>) and its one round of activity.</summary>
[CollectionDefinition(Name)]
public sealed class MetricsCollection : ICollectionFixture<MetricsAppFactory>
{
    public const string Name = "metrics";
}
