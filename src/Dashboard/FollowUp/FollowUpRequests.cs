using Kinerja.Rules.FollowUp;

namespace Kinerja.Dashboard.FollowUp;

/// <summary>Checks a transition body before anything is read: each problem a clear sentence.</summary>
internal static class FollowUpRequests
{
    public const int MaxNote = 2000;
    public const int MaxEvidenceUrl = 2000;

    /// <summary>The cleaned request, or the reason it is refused.</summary>
    public static (string To, string Note, string? EvidenceUrl, string? Error) Check(FollowUpTransitionRequest? body)
    {
        if (body is null)
        {
            return ("", "", null, "The body must be a JSON object { \"to\", \"note\", \"evidenceUrl\" }.");
        }
        var to = body.To?.Trim() ?? "";
        if (!FollowUpStates.Requestable.Contains(to))
        {
            return ("", "", null, $"'to' must be one of {string.Join(", ", FollowUpStates.Requestable)} (got '{body.To}').");
        }
        var note = body.Note?.Trim() ?? "";
        if (note.Length > MaxNote)
        {
            return ("", "", null, $"'note' is {note.Length} characters; at most {MaxNote} are allowed.");
        }
        if (to == FollowUpStates.Cancelled && note.Length == 0)
        {
            return ("", "", null, "Cancelling a follow-up (dibatalkan) needs a reason in 'note'.");
        }
        var url = string.IsNullOrWhiteSpace(body.EvidenceUrl) ? null : body.EvidenceUrl.Trim();
        if (url is not null)
        {
            if (url.Length > MaxEvidenceUrl)
            {
                return ("", "", null, $"'evidenceUrl' is {url.Length} characters; at most {MaxEvidenceUrl} are allowed.");
            }
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || string.IsNullOrEmpty(uri.Host))
            {
                return ("", "", null, "'evidenceUrl' must be an absolute http or https link.");
            }
        }
        return (to, note, url, null);
    }
}
