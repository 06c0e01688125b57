using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Pipeline;

/// <summary>Runs the per-item validation of a batch and builds the submission the writer receives.</summary>
internal static class SubmissionBuilder
{
    public static Submission<TPrepared> Build<TItem, TPrepared>(IngestStreamDefinition<TItem, TPrepared> stream,
        IReadOnlyList<Parsed<TItem>> items, ValidationContext ctx)
        where TItem : class, new() where TPrepared : struct, IPreparedEvent<TPrepared>
    {
        var submission = new Submission<TPrepared>(stream.Name, stream.Table, items.Count);
        var seen = new Dictionary<Guid, int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var parsed = items[i];
            var errors = parsed.Errors is { Count: > 0 } ? new List<FieldError>(parsed.Errors) : null;
            var id = stream.EventIdOf(parsed.Item);
            submission.SetEventId(i, parsed.RawEventId ?? (id == Guid.Empty ? null : id.ToString()));
            if (id != Guid.Empty && !Errors.Has(errors, "eventId") && !seen.TryAdd(id, i))
            {
                Errors.Add(ref errors, "eventId", $"eventId {id} appears more than once in this batch (first at index {seen[id]}).");
            }
            var prepared = stream.Validate(i, parsed.Item, ctx, ref errors);
            if (errors is not null || prepared is null)
            {
                submission.Reject(i, errors ?? [new FieldError("", "The item is not valid.")]);
                continue;
            }
            submission.Items.Add(prepared.Value);
        }
        return submission;
    }
}
