namespace Kinerja.Dashboard.Board;

/// <summary>Headline figures of a region, a unit or a public display (all values current month / today).</summary>
/// <param name="Group">The group name, e.g. <c>region:pematangsiantar</c>.</param>
/// <param name="Version">Data version of the region: increases with every recomputation that changed something.</param>
/// <param name="AsOf">When the figures were read from the database (UTC).</param>
/// <param name="TimeZone">IANA zone of the region, for showing times.</param>
/// <param name="ZoneLabel">WIB, WITA or WIT.</param>
/// <param name="WorkingDay">False when <paramref name="Today"/> is a weekend day or a holiday of the region (screens
/// then say "hari libur" instead of showing today's filing and attendance as shortfalls).</param>
public sealed record IndicatorsPayload(
    string Group,
    long Version,
    DateTimeOffset AsOf,
    string RegionId,
    string RegionName,
    string TimeZone,
    string ZoneLabel,
    string Period,
    string Today,
    HeadlineFigures Figures,
    IReadOnlyList<UnitRow> Units,
    bool WorkingDay);

/// <summary>
/// Headline numbers; nullable values are null when suppressed (public displays, groups below the
/// minimum size) or not available.
/// </summary>
public sealed record HeadlineFigures(
    int? EmployeeCount,
    double? FilingRateToday,
    int? FiledToday,
    long? ActivityMinutes,
    long? ActivityMinutesPending,
    long? ActivityTargetMinutes,
    double? ActivityPct,
    double? AttendanceRateToday,
    AttendanceFigures? AttendanceToday,
    PredikatFigures? Predikat,
    double? Ikm,
    string? IkmBand,
    int? IkmRespondents = null);

/// <summary>Today's attendance by status (employee counts).</summary>
public sealed record AttendanceFigures(int Hadir, int Terlambat, int Izin, int Sakit, int Cuti, int DinasLuar,
    int TanpaKeterangan, int BelumTercatat);

/// <summary>Predicate distribution (counts and shares 0-100 of the rated employees).</summary>
public sealed record PredikatFigures(int RatedCount, int SangatBaik, int Baik, int ButuhPerbaikan, int KurangMisconduct,
    int SangatKurang, double SangatBaikPct, double BaikPct, double ButuhPerbaikanPct, double KurangMisconductPct,
    double SangatKurangPct);

/// <summary>One unit of a region (leader boards rank them; public displays show them if large enough).</summary>
/// <param name="Suppressed">True when the unit is smaller than the privacy minimum: its figures are null ("—").</param>
/// <param name="IkmRespondents">Survey respondents (or legacy ratings) behind <paramref name="Ikm"/>; on public displays the IKM is
/// null below the privacy minimum of respondents.</param>
public sealed record UnitRow(
    string UnitId,
    string Name,
    bool Suppressed,
    int? EmployeeCount,
    double? FilingRateToday,
    double? ActivityPct,
    double? AttendanceRateToday,
    double? Ikm,
    string? Predikat,
    int? IkmRespondents = null);

/// <summary>A chart of a group at a data version.</summary>
/// <param name="ChartId">Stable id, e.g. <c>r.pematangsiantar.pengisian</c>.</param>
/// <param name="Svg">The SVG document (render it in an <c>img</c> via a blob URL or inline).</param>
/// <param name="PngUrl">PNG of the same version: <c>/charts/{chartId}.png?v={version}</c>.</param>
public sealed record ChartPayload(string Group, string ChartId, long Version, string Title, string Svg, string PngUrl,
    string SvgUrl);

/// <summary>Triggers for a region or unit feed.</summary>
/// <param name="Initial">True for the recent triggers sent on subscribe (replace the feed), false for new ones (prepend).</param>
public sealed record TriggerPayload(string Group, bool Initial, IReadOnlyList<TriggerItem> Items);

/// <summary>One trigger as a leader sees it.</summary>
/// <param name="Kind">REWARD, COACHING, SANCTION, CALIBRATION or REMINDER.</param>
/// <param name="KindLabel">Indonesian label (Penghargaan, Pembinaan, Sanksi, Kalibrasi, Pengingat).</param>
public sealed record TriggerItem(
    long Id,
    string Kind,
    string KindLabel,
    string Code,
    string? Nip,
    string? EmployeeName,
    string UnitId,
    string UnitName,
    string RegionId,
    string Period,
    string Workflow,
    int WorkflowVersion,
    string Rule,
    DateTimeOffset FiredAt);
