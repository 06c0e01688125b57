namespace Kinerja.Dashboard.Reports;

/// <summary>The report worker (<c>Kinerja:Reports</c>).</summary>
public sealed class ReportOptions
{
    public const string Section = "Kinerja:Reports";

    /// <summary>How long a claimed job stays with its worker without progress before another process takes it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle worker looks for queued jobs (a job posted to this process starts at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Claims of one job before it is marked <c>gagal</c> (a job that kills its worker must not loop forever).</summary>
    public int MaxAttempts { get; set; } = 3;
}
