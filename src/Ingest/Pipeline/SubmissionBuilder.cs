using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// Builds the submission the writer receives from a batch of one stream's items: created once per registered stream
/// (<see cref="IngestStreamHandler"/>) with what it needs of the stream, its name, table and validator, so the
/// pipeline calls forward into it with only the item type known.
/// </summary>
internal abstract class SubmissionBuilder<TItem> where TItem : class
{
    /// <summary>Runs the per-item validation of a batch (item index = list index) into a submission.</summary>
    public abstract Submission Build(IReadOnlyList<Parsed<TItem>> items, ValidationContext ctx);

    /// <summary>Items handed over in process (not read from a body or file), with their event ids.</summary>
    public abstract Parsed<TItem>[] Wrap(IReadOnlyList<TItem> items);
}

/// <inheritdoc />
internal sealed class SubmissionBuilder<TItem, TPrepared>(string stream, StreamTable<TPrepared> table,
    ItemValidator<TItem, TPrepared> validate, Func<TItem, Guid> eventIdOf) : SubmissionBuilder<TItem>
    where TItem : class where TPrepared : struct, IPreparedEvent<TPrepared>
{
    public override Submission Build(IReadOnlyList<Parsed<TItem>> items, ValidationContext ctx)
    {
        var submission = new Submission<TPrepared>(stream, table, items.Count);
        var seen = new Dictionary<Guid, int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var parsed = items[i];
            var errors = parsed.Errors is { Count: > 0 } ? new List<FieldError>(parsed.Errors) : null;
            var id = parsed.EventId;
            submission.SetEventId(i, parsed.RawEventId ?? (id == Guid.Empty ? null : id.ToString()));
            if (id != Guid.Empty && !Errors.Has(errors, "eventId") && !seen.TryAdd(id, i))
            {
                Errors.Add(ref errors, "eventId", $"eventId {id} appears more than once in this batch (first at index {seen[id]}).");
            }
            var prepared = validate(i, parsed.Item, ctx, ref errors);
            if (errors is not null || prepared is null)
            {
                submission.Reject(i, errors ?? [new FieldError("", "The item is not valid.")]);
                continue;
            }
            submission.Items.Add(prepared.Value);
        }
        return submission;
    }

    public override Parsed<TItem>[] Wrap(IReadOnlyList<TItem> items)
    {
        var parsed = new Parsed<TItem>[items.Count];
        for (var i = 0; i < parsed.Length; i++)
        {
            var item = items[i] ?? throw new ArgumentException($"Item {i} is null.", nameof(items));
            parsed[i] = new Parsed<TItem>(item, eventIdOf(item), null, null);
        }
        return parsed;
    }
}
