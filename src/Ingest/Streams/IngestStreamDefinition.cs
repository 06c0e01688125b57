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

    /// <summary>Calls back with the stream's item type known (the HTTP handler and the import are generic over it).</summary>
    public abstract TResult Accept<TResult>(IStreamVisitor<TResult> visitor);

    /// <summary>The stream's write side (its <c>…Table</c>): what the writer stores and rolls up.</summary>
    public abstract StreamTable WriteSide { get; }
}

/// <summary>Code that is generic over a stream's item type (reading, submitting) and is handed the stream.</summary>
internal interface IStreamVisitor<out TResult>
{
    TResult Visit<TItem>(IngestStreamDefinition<TItem> stream) where TItem : class, new();
}

/// <summary>A stream seen through its contract item: reading items and preparing them for the writer.</summary>
internal abstract class IngestStreamDefinition<TItem> : IngestStreamDefinition where TItem : class, new()
{
    public sealed override Type ItemType => typeof(TItem);

    public abstract Guid EventIdOf(TItem item);

    /// <summary>Reads one JSON item (throws <see cref="System.Text.Json.JsonException"/> only for invalid JSON).</summary>
    public abstract Parsed<TItem> ReadJson(ReadOnlySequence<byte> json);

    /// <summary>Reads one CSV record whose columns are named as the JSON fields.</summary>
    public abstract Parsed<TItem> ReadCsv(CsvFields record);

    /// <summary>Validates a batch against the cached reference data into the submission the writer receives.</summary>
    internal abstract Task<Submission> PrepareAsync(IngestPipeline pipeline, IReadOnlyList<Parsed<TItem>> items,
        IngestScope? scope, CancellationToken ct);

    public sealed override TResult Accept<TResult>(IStreamVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary>
/// The base of a stream's definition: it declares its fields (<see cref="ItemFields"/>), builds its item from the
/// values read (<see cref="Create"/>), validates an item into what the writer needs (<typeparamref name="TPrepared"/>)
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
    /// Checks one item against the reference data and the source's scope; returns what the writer needs, or null with
    /// the reasons added to <paramref name="errors"/> (at most one per field).
    /// </summary>
    public abstract TPrepared? Validate(int index, TItem item, ValidationContext ctx, ref List<FieldError>? errors);

    public sealed override Parsed<TItem> ReadJson(ReadOnlySequence<byte> json)
    {
        var values = Values();
        return JsonItemReader.Read(json, Fields, values, out var raw, out var errors)
            ? new Parsed<TItem>(Create(values), raw, errors)
            : new Parsed<TItem>(new TItem(), null, errors);
    }

    public sealed override Parsed<TItem> ReadCsv(CsvFields record)
    {
        var values = Values();
        CsvItemReader.Read(record, Fields, values, out var raw);
        return new Parsed<TItem>(Create(values), raw, record.Errors);
    }

    internal sealed override Task<Submission> PrepareAsync(IngestPipeline pipeline, IReadOnlyList<Parsed<TItem>> items,
        IngestScope? scope, CancellationToken ct) => pipeline.PrepareAsync(this, items, scope, ct);

    private ItemValues Values() => t_values ??= new ItemValues(Fields.Count);
}
