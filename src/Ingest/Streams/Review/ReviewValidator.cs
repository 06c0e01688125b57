using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Streams.Review;

/// <summary>Checks of one review that need no stored events (the activity and supervisor are checked by the writer).</summary>
internal static class ReviewValidator
{
    /// <summary>The longest <c>note</c> (umpan balik) a review may carry.</summary>
    public const int MaxNote = 2000;

    public static PreparedReview? Validate(int index, ReviewItem item, ValidationContext ctx, ref List<FieldError>? errors)
    {
        ctx.RequireEventId(item.EventId, ref errors);
        ctx.RequireEventId(item.ActivityEventId, ref errors, "activityEventId");
        var reviewer = ctx.Employee(item.ReviewerNip, "reviewerNip", ref errors);
        ctx.Instant(item.At, "at", ref errors);
        ValidationContext.MaxLength(item.Note, MaxNote, "note", ref errors);
        if (errors is not null || reviewer is null)
        {
            return null;
        }
        return new PreparedReview(index, item, reviewer);
    }
}
