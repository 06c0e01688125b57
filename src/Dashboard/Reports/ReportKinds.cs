namespace Kinerja.Dashboard.Reports;

/// <summary>The documents <c>POST /api/v1/reports</c> generates (issue 19) and the states of their jobs.</summary>
public static class ReportKinds
{
    /// <summary>The monthly allowance (TPP) recap for payroll, XLSX: a unit, or a region with one sheet per unit.</summary>
    public const string Tpp = "tpp";

    /// <summary>One employee's evaluation document for a month or a year, PDF.</summary>
    public const string Evaluation = "evaluation";

    /// <summary>A unit's indicators for a month or a year, PDF.</summary>
    public const string Unit = "unit";

    public static readonly IReadOnlyList<string> All = [Tpp, Evaluation, Unit];
}

/// <summary>States of a report job: queued, running, done, failed.</summary>
public static class ReportStates
{
    public const string Queued = "antri";
    public const string Running = "berjalan";
    public const string Done = "selesai";
    public const string Failed = "gagal";
}
