namespace Kinerja.Rules.FollowUp;

/// <summary>
/// The states of a follow-up item and the legal moves between them: <c>baru</c> → <c>diproses</c> → <c>selesai</c>, or
/// <c>dibatalkan</c> (with a reason) from any open state. <c>perlu_ditinjau</c> is set by the rules when the trigger no
/// longer holds after a rule change; HR then continues the item (<c>diproses</c>, <c>selesai</c>) or cancels it.
/// </summary>
public static class FollowUpStates
{
    public const string New = "baru";
    public const string InProgress = "diproses";
    public const string Done = "selesai";
    public const string Cancelled = "dibatalkan";
    public const string ForReview = "perlu_ditinjau";

    public static readonly IReadOnlyList<string> All = [New, InProgress, Done, Cancelled, ForReview];

    /// <summary>The states an item is still open in (it can be overdue, and can move on).</summary>
    public static readonly IReadOnlyList<string> Open = [New, InProgress, ForReview];

    /// <summary>The states a person may ask for (<c>POST /api/v1/followups/{id}/transitions</c>).</summary>
    public static readonly IReadOnlyList<string> Requestable = [InProgress, Done, Cancelled];

    /// <summary>True when <paramref name="from"/> → <paramref name="to"/> is a legal move.</summary>
    public static bool CanMove(string from, string to) => (from, to) switch
    {
        (New, InProgress or Done or Cancelled) => true,
        (InProgress, Done or Cancelled) => true,
        (ForReview, InProgress or Done or Cancelled) => true,
        _ => false,
    };

    /// <summary>Whether moving to <c>selesai</c> needs a note (what was done): coaching and sanctions do.</summary>
    public static bool DoneNeedsNote(string kind) => kind is "COACHING" or "SANCTION";

    public static bool IsOpen(string state) => Open.Contains(state);
}
