namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// One active employee in the live model: the public snapshot, the raw sums it came from (so unit and
/// region figures pool exactly, as the queries do) and the employee's row of local today.
/// </summary>
internal sealed record LiveEmployee(IndicatorSnapshot Snapshot, EmployeeFactsRow Row, EmployeeToday? Today);
