using System.ComponentModel.DataAnnotations;

namespace Kinerja.Dashboard.Employees;

/// <summary>360 ratings in the application (<c>Kinerja:Ratings</c>, validated at start).</summary>
public sealed class RatingsOptions
{
    public const string Section = "Kinerja:Ratings";

    /// <summary>
    /// Peer (rekan), subordinate (bawahan) and citizen (masyarakat) ratings are shown to the person rated only as a
    /// per-role, per-aspect average once at least this many distinct raters answered (default 3); never one by one.
    /// </summary>
    [Range(2, 1000, ErrorMessage = "Kinerja:Ratings:MinRatersShown must be between 2 and 1000 (1 would show individual peer ratings).")]
    public int MinRatersShown { get; set; } = 3;
}
