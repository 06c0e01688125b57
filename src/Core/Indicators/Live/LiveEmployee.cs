namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// One active employee in the live model: the public snapshot, the raw sums it came from (so unit and
/// region figures pool exactly, as the queries do), the employee's row of local today, and the
/// signature of everything but the activity figures (see <see cref="LiveSignatureSql"/>).
/// </summary>
internal sealed record LiveEmployee(IndicatorSnapshot Snapshot, EmployeeFactsRow Row, EmployeeToday? Today,
    LiveSignature? Signature);
