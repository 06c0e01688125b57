namespace Kinerja.Dashboard.Tests.Metrics;

/// <summary>
/// The metrics tests share one server (<see cref="MetricsAppFactory"/>) and its one round of activity. They run alone:
/// every host in this process listens to meters by name, so instruments of other test servers running beside it (the
/// ASP.NET Core and product meters of each) reach its exporter too, and a scrape then depends on which servers were up.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<MetricsAppFactory>
{
    public const string Name = "metrics";
}
