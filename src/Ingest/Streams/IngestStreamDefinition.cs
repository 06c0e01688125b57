using System.Buffers;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Cli;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Streams.Writing;
using Kinerja.Ingest.Validation;
using Microsoft.OpenApi;

namespace Kinerja.Ingest.Streams;

/// <summary>
/// Everything the ingest path knows about one stream, in one place: its name (route <c>POST /api/v1/{name}</c> and
/// import verb), its contract fields (read the same way from JSON and CSV), its validation, and its description in the
/// OpenAPI document, and its write side (<see cref="WriteSide"/>). The HTTP API, the CLI import and the document
/// enumerate <see cref="IngestStreams.All"/>; the writer takes each submission's stream from the submission and the
/// set of streams from <see cref="IngestStreamRegistry"/>.
/// </summary>
internal abstract class IngestStreamDefinition
{
    /// <summary>The stream's identity, carried by its submissions to the writer and given to the scope resolver.</summary>
    public abstract IngestStream Stream { get; }

    /// <summary>The route segment and the import verb's stream argument, e.g. <c>activities</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The contract item type (its name is the item schema's name in the OpenAPI document).</summary>
    public abstract Type ItemType { get; }

    /// <summary>The item's fields in contract order.</summary>
    public abstract IReadOnlyList<ItemField> Fields { get; }

    /// <summary>The OpenAPI operation id, e.g. <c>IngestActivities</c>.</summary>
    public string EndpointName => "Ingest" + Stream;

    /// <summary>One line for the OpenAPI operation summary.</summary>
    public abstract string Summary { get; }

    /// <summary>What the stream's items are, the first paragraph of the operation's description.</summary>
    public abstract string Purpose { get; }

    /// <summary>Names of the fields every item must carry (also the CSV columns an import file must have).</summary>
    public IEnumerable<string> RequiredFields => Fields.Where(f => f.Required).Select(f => f.Name);

    /// <summary>An example batch for the OpenAPI document; the document tests store it on a real server.</summary>
    public abstract JsonArray Examples();

    /// <summary>Adds the contract's constraints to the generated item schema.</summary>
    public abstract void DescribeSchema(OpenApiSchema schema);

    /// <summary>
    /// Creates the stream's typed code (its endpoint, import and submission builder) once, when the stream is registered
    /// (<see cref="IngestStreamRegistry"/>): callers then go forward into it with the item type known.
    /// </summary>
    internal abstract IngestStreamHandler CreateHandler();

    /// <summary>The stream's write side (its <c>…Table</c>): what the writer stores and rolls up.</summary>
    public abstract StreamTable WriteSide { get; }
}

/// <summary>A stream seen through its contract item: reading items and preparing them for the writer.</summary>
internal abstract class IngestStreamDefinition<TItem> : IngestStreamDefinition where TItem : class, new()
{
    public sealed override Type ItemType => typeof(TItem);

    public abstract Guid EventIdOf(TItem item);

    /// <summary>
    /// Reads one JSON item (throws <see cref="System.Text.Json.JsonException"/> only for invalid JSON); the result carries
    /// the item's event id (<see cref="EventIdOf"/>).
    /// </summary>
    public abstract Parsed<TItem> ReadJson(ReadOnlySequence<byte> json);

    /// <summary>Reads one CSV record whose columns are named as the JSON fields.</summary>
    public abstract Parsed<TItem> ReadCsv(CsvFields record);
}

/// <summary>
/// Checks one item against the reference data and the source's scope; returns what the writer needs, or null with the
/// reasons added to <paramref name="errors"/> (at most one per field).
/// </summary>
internal delegate TPrepared? ItemValidator<in TItem, TPrepared>(int index, TItem item, ValidationContext ctx,
    ref List<FieldError>? errors) where TPrepared : struct;

/// <summary>
/// The base of a stream's definition: it declares its fields (<see cref="ItemFields"/>), builds its item from the
/// values read (<see cref="Create"/>), names its validator into what the writer needs (<typeparamref name="TPrepared"/>)
/// and names its write side (<see cref="Table"/>).
/// </summary>
internal abstract class IngestStreamDefinition<TItem, TPrepared> : IngestStreamDefinition<TItem>
    where TItem : class, new() where TPrepared : struct, IPreparedEvent<TPrepared>
{
    // One slot array per thread and stream: reading is synchronous and the item is built before the next one is read.
    [ThreadStatic] private static ItemValues? t_values;

    /// <summary>The stream's table: COPY row, registry code, staging, merge and rollups, partitions.</summary>
    public abstract StreamTable<TPrepared> Table { get; }

    public sealed override StreamTable WriteSide => Table;

    /// <summary>Builds the item from the values read (absent or unreadable values are their type's default).</summary>
    protected abstract TItem Create(ItemValues values);

    /// <summary>
    /// The stream's validator, usually the static <c>Validate</c> of its <c>…Validator</c>: it checks one item against
    /// the reference data and the source's scope. Read once, when the stream is registered; the submission builder
    /// calls it directly.
    /// </summary>
    public abstract ItemValidator<TItem, TPrepared> Validator { get; }

    public sealed override Parsed<TItem> ReadJson(ReadOnlySequence<byte> json)
    {
        var values = Values();
        if (!JsonItemReader.Read(json, Fields, values, out var raw, out var errors))
        {
            return new Parsed<TItem>(new TItem(), Guid.Empty, null, errors);
        }
        var item = Create(values);
        return new Parsed<TItem>(item, EventIdOf(item), raw, errors);
    }

    public sealed override Parsed<TItem> ReadCsv(CsvFields record)
    {
        var values = Values();
        CsvItemReader.Read(record, Fields, values, out var raw);
        var item = Create(values);
        return new Parsed<TItem>(item, EventIdOf(item), raw, record.Errors);
    }

    internal sealed override IngestStreamHandler CreateHandler() =>
        new IngestStreamHandler<TItem>(this, new SubmissionBuilder<TItem, TPrepared>(Name, Table, Validator, EventIdOf));

    private ItemValues Values() => t_values ??= new ItemValues(Fields.Count);
}
