using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Streams.Writing;

namespace Kinerja.Ingest.Tests.TestStream;

/// <summary>The registration of streams: the product's streams are registered like any other, and clashes are refused.</summary>
public sealed class StreamRegistrationTests
{
    [Fact]
    public void ProductStreams_DeclareDistinctCodesTables_AndPartitionActivitiesBeforeReviews()
    {
        var registry = new IngestStreamRegistry(IngestStreams.All);

        Assert.Equal(["a", "t", "r", "v", "f", "s", "w"], IngestStreams.All.Select(s => s.WriteSide.RegistryCode.ToString()));
        Assert.Equal(["activity", "attendance", "rating", "activity_review", "survey_response"], registry.PartitionedTables);
    }

    [Fact]
    public void Registry_CreatesEachStreamsTypedCodeOnce_InRegistrationOrder()
    {
        var registry = new IngestStreamRegistry([.. IngestStreams.All, NoteStream.Instance]);

        Assert.Equal([.. IngestStreams.All, NoteStream.Instance], registry.Handlers.Select(h => h.Stream));
        // the same handler, endpoint and builder on every lookup: created when the stream was registered, not per call
        var notes = registry.Of<NoteItem>();
        Assert.Same(notes, registry.Of<NoteItem>());
        Assert.Same(notes, registry.Find("notes"));
        Assert.Same(notes.Builder, registry.Of<NoteItem>().Builder);
        Assert.Same(notes.Endpoint, registry.Find("notes")!.Endpoint);
        Assert.Throws<ArgumentException>(() => registry.Of<object>());
        Assert.Null(registry.Find("Notes"));
    }

    [Fact]
    public void Registry_RefusesTwoStreamsWithOneRegistryCode()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new IngestStreamRegistry([.. IngestStreams.All, new ClashingStream()]));

        Assert.Contains("event_registry code 'a'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The note stream under another name and table but with the activities' registry code.</summary>
    private sealed class ClashingStream : IngestStreamDefinition<NoteItem, PreparedNote>
    {
        private readonly NoteStream _note = NoteStream.Instance;

        public override Contracts.IngestStream Stream => _note.Stream;

        public override StreamTable<PreparedNote> Table => ClashingTable.Instance;

        public override string Name => "clash";

        public override IReadOnlyList<Streams.Reading.ItemField> Fields => _note.Fields;

        public override string Summary => "";

        public override string Purpose => "";

        public override Guid EventIdOf(NoteItem item) => item.EventId;

        protected override NoteItem Create(Streams.Reading.ItemValues values) => new();

        public override ItemValidator<NoteItem, PreparedNote> Validator => (int _, NoteItem _, Validation.ValidationContext _,
            ref List<Contracts.FieldError>? _) => null;

        public override System.Text.Json.Nodes.JsonArray Examples() => [];

        public override void DescribeSchema(Microsoft.OpenApi.OpenApiSchema schema)
        {
        }
    }

    private sealed class ClashingTable : StreamTable<PreparedNote>
    {
        public static readonly ClashingTable Instance = new();

        public override string Name => "clash";

        public override char RegistryCode => 'a';

        public override string Copy => "";
    }
}
