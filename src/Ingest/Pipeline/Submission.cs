using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// One caller's batch on its way through the queue: per-item outcomes (validation fills the rejected
/// ones; the writer the rest) and the completion the caller awaits, set only after commit.
/// </summary>
internal abstract class Submission(string stream, StreamTable table, int count)
{
    private readonly string?[] _eventIds = new string?[count];
    private readonly ItemStatus[] _status = new ItemStatus[count];
    private readonly IReadOnlyList<FieldError>?[] _errors = new IReadOnlyList<FieldError>?[count];

    /// <summary>The name of the stream the items belong to (it tags the item metrics).</summary>
    public string Stream { get; } = stream;

    /// <summary>The stream's write side: what the writer does with the items.</summary>
    public StreamTable Table { get; } = table;

    public int Count { get; } = count;

    public TaskCompletionSource<IngestResult> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Items the writer must decide on.</summary>
    public abstract int PendingCount { get; }

    public void SetEventId(int index, string? eventId) => _eventIds[index] = eventId;

    public void Reject(int index, IReadOnlyList<FieldError> errors)
    {
        _status[index] = ItemStatus.Rejected;
        _errors[index] = errors;
    }

    public void Reject(int index, string field, string message) => Reject(index, [new FieldError(field, message)]);

    public void Set(int index, ItemStatus status)
    {
        _status[index] = status;
        _errors[index] = null;
    }

    public ItemStatus StatusOf(int index) => _status[index];

    public IngestResult BuildResult()
    {
        var items = new ItemResult[Count];
        for (var i = 0; i < Count; i++)
        {
            items[i] = new ItemResult(i, _eventIds[i], _status[i], _errors[i] ?? Errors.None);
        }
        return new IngestResult(items);
    }
}

/// <summary>A submission of one stream with its valid, resolved items.</summary>
internal sealed class Submission<TPrepared>(string stream, StreamTable<TPrepared> table, int count)
    : Submission(stream, table, count) where TPrepared : struct, IPreparedEvent<TPrepared>
{
    public List<TPrepared> Items { get; } = new(count);

    public override int PendingCount => Items.Count;
}
