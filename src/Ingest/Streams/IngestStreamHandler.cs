using Kinerja.Ingest.Cli;
using Kinerja.Ingest.Http;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Streams;

/// <summary>
/// One registered stream's typed code, created once when the stream is registered (<see cref="IngestStreamRegistry"/>,
/// through <see cref="IngestStreamDefinition.CreateHandler"/>): its HTTP endpoint, its file import and its submission
/// builder, each closed over the stream's item type. The HTTP API, the CLI and the pipeline call forward into it; nothing
/// calls back into them to recover the item type.
/// </summary>
internal abstract class IngestStreamHandler
{
    /// <summary>The stream's definition (name, fields, documentation, write side).</summary>
    public abstract IngestStreamDefinition Stream { get; }

    /// <summary>
    /// The handler of <c>POST /api/v1/{name}</c>: a typed delegate (not a <c>RequestDelegate</c>), so the endpoint gets
    /// the answers of its <c>Results&lt;…&gt;</c> return type as metadata and appears in the OpenAPI document.
    /// </summary>
    public abstract Delegate Endpoint { get; }

    /// <summary>Handles a request body as the stream's endpoint does, with a scope the host decided.</summary>
    public abstract Task<Microsoft.AspNetCore.Http.HttpResults.Results<IngestAccepted, UnreadableBody, SourceRefused,
        BodyTooLarge, UnsupportedContentType, IngestUnavailable>> SubmitBodyAsync(Microsoft.AspNetCore.Http.HttpContext ctx,
        IngestScope scope);

    /// <summary>Imports a CSV or NDJSON file of the stream's items (<c>import &lt;stream&gt; &lt;file&gt;</c>).</summary>
    public abstract Task<int> ImportAsync(string path, IngestPipeline pipeline, int chunkSize,
        Spectre.Console.IAnsiConsole console, CancellationToken ct);
}

/// <summary>A stream's typed code for items of type <typeparamref name="TItem"/>.</summary>
internal sealed class IngestStreamHandler<TItem> : IngestStreamHandler where TItem : class, new()
{
    private readonly IngestStreamDefinition<TItem> _stream;

    public IngestStreamHandler(IngestStreamDefinition<TItem> stream, SubmissionBuilder<TItem> builder)
    {
        _stream = stream;
        Builder = builder;
        _endpoint = new IngestEndpoint<TItem>(stream, builder);
        Endpoint = _endpoint.HandleAsync;
    }

    private readonly IngestEndpoint<TItem> _endpoint;

    public override IngestStreamDefinition Stream => _stream;

    /// <summary>Validates a batch of the stream's items into a submission (name, table and validator given once).</summary>
    public SubmissionBuilder<TItem> Builder { get; }

    public override Delegate Endpoint { get; }

    public override Task<Microsoft.AspNetCore.Http.HttpResults.Results<IngestAccepted, UnreadableBody, SourceRefused,
        BodyTooLarge, UnsupportedContentType, IngestUnavailable>> SubmitBodyAsync(Microsoft.AspNetCore.Http.HttpContext ctx,
        IngestScope scope) => _endpoint.SubmitAsync(ctx, scope);

    public override Task<int> ImportAsync(string path, IngestPipeline pipeline, int chunkSize,
        Spectre.Console.IAnsiConsole console, CancellationToken ct) =>
        new FileImport<TItem>(_stream, Builder, pipeline).RunAsync(path, chunkSize, console, ct);
}
