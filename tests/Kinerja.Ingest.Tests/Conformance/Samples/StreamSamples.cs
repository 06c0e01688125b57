using System.Text.Json.Nodes;
using Kinerja.Ingest.Tests.Support;

namespace Kinerja.Ingest.Tests.Conformance.Samples;

/// <summary>What a sample needs: the seeded organisation and an unrestricted pipeline (to store what an item refers to).</summary>
internal sealed record SampleContext(Org Org, IIngestPipeline Pipeline);

/// <summary>
/// A per-field boundary case of a stream: a change to a valid item and the expected outcome — accepted, or rejected
/// on <see cref="RejectedField"/> (with <see cref="MessagePart"/> in its message). <see cref="StoredSql"/> (with
/// <c>@id</c>, the item's eventId) must then return <see cref="Stored"/>.
/// </summary>
internal sealed record BoundaryCase(string Name, Action<JsonObject> Change, string? RejectedField = null,
    string? MessagePart = null, string? StoredSql = null, string? Stored = null)
{
    public override string ToString() => Name;
}

/// <summary>
/// The test side of a stream's definition: a valid item, where a source's scope bites, where its rows land, and its
/// per-field boundary cases. Every stream in <see cref="Streams.IngestStreams"/> must have one (the conformance suite
/// fails for a stream without).
/// </summary>
internal abstract class StreamSamples
{
    public static IReadOnlyList<StreamSamples> All { get; } =
        [new ActivitySamples(), new AttendanceSamples(), new RatingSamples(), new ReviewSamples(),
            new FeedbackSamples(), new SurveySamples(), new WithdrawalSamples()];

    public static StreamSamples For(string stream) => All.SingleOrDefault(s => s.Stream == stream)
        ?? throw new Xunit.Sdk.XunitException(
            $"Stream '{stream}' has no samples: add a StreamSamples subclass under tests/Kinerja.Ingest.Tests/Conformance/Samples/.");

    /// <summary>The stream's name (route and import verb).</summary>
    public abstract string Stream { get; }

    /// <summary>The table a stored item lands in (keyed by <c>event_id</c>).</summary>
    public abstract string Table { get; }

    /// <summary>The field rejected when the subject is outside the source's scope.</summary>
    public abstract string ScopeField { get; }

    /// <summary>
    /// A valid item with a fresh eventId, about a subject of region <see cref="Org.Region"/> (or, when
    /// <paramref name="outsideScope"/>, of <see cref="Org.PapuaRegion"/>); stores what it refers to first.
    /// </summary>
    public abstract Task<JsonObject> ValidAsync(SampleContext ctx, bool outsideScope = false);

    public abstract IEnumerable<BoundaryCase> Boundaries { get; }

    protected static string Text(int length, char c = 'a') => new(c, length);
}
