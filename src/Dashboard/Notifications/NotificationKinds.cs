namespace Kinerja.Dashboard.Notifications;

/// <summary>What a message is about; webhook endpoints and people's e-mail preferences choose by kind.</summary>
public static class NotificationKinds
{
    /// <summary>A new follow-up item (tindak lanjut), written in the transaction that creates it.</summary>
    public const string FollowUpCreated = "followup.created";

    /// <summary>An open follow-up item due within <c>DueSoonDays</c>: once per item and state.</summary>
    public const string FollowUpDueSoon = "followup.due_soon";

    /// <summary>Activities of a superior's reports pending review for more than <c>ReviewPendingDays</c>: once per superior and day.</summary>
    public const string ReviewPending = "review.pending";

    public static readonly IReadOnlyList<string> All = [FollowUpCreated, FollowUpDueSoon, ReviewPending];

    /// <summary>The Indonesian name of a kind on /saya.</summary>
    public static string Label(string kind) => kind switch
    {
        FollowUpCreated => "Tindak lanjut baru untuk saya",
        FollowUpDueSoon => "Tindak lanjut segera jatuh tempo",
        ReviewPending => "Kegiatan bawahan menunggu persetujuan",
        _ => kind,
    };
}
