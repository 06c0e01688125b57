namespace Kinerja.Dashboard.Survey;

/// <summary>Abuse limits of the anonymous survey endpoint (<c>Kinerja:Survey</c>, validated at start).</summary>
public sealed class SurveyOptions
{
    public const string Section = "Kinerja:Survey";

    /// <summary>
    /// Surveys accepted per device, unit and service per UTC day (default 1; 0 = no limit). A device is the keyed hash
    /// of the client address and its User-Agent header (no cookie is set).
    /// </summary>
    public int PerDevicePerDay { get; set; } = 1;

    /// <summary>Survey requests per client address per minute, well-formed or not (default 30; 0 = no limit).</summary>
    public int PerAddressPerMinute { get; set; } = 30;

    /// <summary>
    /// Secret of the keyed hash of addresses (HMAC-SHA256, key rotated every UTC day from it). Empty: a random secret
    /// per process (the hashes live only in this process's memory, so nothing needs it across restarts).
    /// </summary>
    public string? HashSecret { get; set; }

    /// <summary>Largest accepted request body in bytes (default 16384: nine answers, a profile and a 2000-character comment fit).</summary>
    public int MaxBodyBytes { get; set; } = 16384;

    /// <summary>
    /// Days within which a complaint counts as answered in time on the leaders' board (default 5): the share of a
    /// period's complaints (closed ones aside) that reached <c>selesai</c> within this many days of submission.
    /// </summary>
    public int ComplaintAnswerDays { get; set; } = 5;

    /// <summary>
    /// Regions whose units' own employees (pegawai) may read and answer their unit's complaints (default none: HR only).
    /// A region opts in by listing its id, e.g. <c>Kinerja:Survey:ComplaintStaffRegions:0=kota-a</c>.
    /// </summary>
    public string[] ComplaintStaffRegions { get; set; } = [];
}
