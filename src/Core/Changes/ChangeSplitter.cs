using System.Text;

namespace Kinerja.Core.Changes;

/// <summary>
/// Splits the items of one change into payloads that each stay under PostgreSQL's NOTIFY limit (a payload of
/// 8000 bytes or more fails the whole writing transaction). Sizes are measured on the serialized payload, not
/// estimated, so long ids and escaped multi-byte text are counted exactly.
/// </summary>
public static class ChangeSplitter
{
    /// <summary>The largest payload sent: PostgreSQL refuses 8000 bytes and more.</summary>
    public const int MaxPayloadBytes = 7999;

    /// <summary>
    /// Serializes <paramref name="items"/> with <paramref name="write"/> in as few contiguous slices as the limit
    /// allows (about); every returned payload is at most <paramref name="maxBytes"/> bytes of UTF-8. No items, no payload.
    /// </summary>
    /// <exception cref="ChangePayloadTooLargeException">One item alone does not fit.</exception>
    public static IReadOnlyList<string> Split<TItem>(IReadOnlyList<TItem> items, Func<ArraySegment<TItem>, string> write,
        int maxBytes = MaxPayloadBytes)
    {
        var payloads = new List<string>();
        if (items.Count > 0)
        {
            Pack(new ArraySegment<TItem>(items as TItem[] ?? items.ToArray()), write, maxBytes, payloads);
        }
        return payloads;
    }

    private static void Pack<TItem>(ArraySegment<TItem> slice, Func<ArraySegment<TItem>, string> write, int maxBytes,
        List<string> payloads)
    {
        var payload = write(slice);
        var bytes = Encoding.UTF8.GetByteCount(payload);
        if (bytes <= maxBytes)
        {
            payloads.Add(payload);
            return;
        }
        if (slice.Count == 1)
        {
            throw new ChangePayloadTooLargeException(bytes, maxBytes);
        }
        // as many equal slices as the size asks for; a slice still too large is split again
        var parts = Math.Min(slice.Count, (int)Math.Ceiling((double)bytes / maxBytes));
        parts = Math.Max(parts, 2);
        var start = 0;
        for (var p = 0; p < parts; p++)
        {
            var end = (int)((long)slice.Count * (p + 1) / parts);
            Pack(slice.Slice(start, end - start), write, maxBytes, payloads);
            start = end;
        }
    }
}

/// <summary>One item of a change is too large for a NOTIFY payload on its own.</summary>
public sealed class ChangePayloadTooLargeException(int bytes, int maxBytes)
    : InvalidOperationException($"A single change-feed item serializes to {bytes} bytes; a NOTIFY payload holds at most {maxBytes}.");
