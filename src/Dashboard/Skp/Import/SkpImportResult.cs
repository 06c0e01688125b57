using System.Text.Json.Serialization;
using Kinerja.Core.Changes;
using Kinerja.Core.Skp;

namespace Kinerja.Dashboard.Skp.Import;

/// <summary>What happened to one row of an import: <c>accepted</c>, <c>duplicate</c> (already imported: a re-run) or <c>rejected</c>.</summary>
public static class SkpImportStatus
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}

/// <summary>
/// The answer for one row: <see cref="Row"/> is the CSV line (the header is line 1) or, for JSON, the 1-based position
/// of the item in the array; <see cref="Key"/> names the plan or realisation (its externalId/eventId, or the content key).
/// </summary>
public sealed record SkpImportRowResult(int Row, string Status, string? Key, IReadOnlyList<SkpFieldError> Errors);

/// <summary>The answer of an import: per-row results in file order and the counts.</summary>
public sealed record SkpImportResult(IReadOnlyList<SkpImportRowResult> Rows)
{
    public int Accepted => Rows.Count(r => r.Status == SkpImportStatus.Accepted);
    public int Duplicate => Rows.Count(r => r.Status == SkpImportStatus.Duplicate);
    public int Rejected => Rows.Count(r => r.Status == SkpImportStatus.Rejected);

    /// <summary>
    /// Whose plans the import changed (accepted rows only), with their direct superiors and where they work: the screens to
    /// tell (<see cref="SkpImportFeed"/>). Not in the answer.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<SkpTouch> Touched { get; init; } = [];
}
