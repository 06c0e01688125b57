using Kinerja.Ingest.Cli;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;
using Kinerja.Ingest.Tests.Conformance.Samples;

namespace Kinerja.Ingest.Tests.Conformance;

/// <summary>The registry is complete and unambiguous, and the conformance suite has samples for every entry.</summary>
public sealed class StreamRegistryTests
{
    [Fact]
    public void EveryStreamIdentity_HasExactlyOneDefinition()
    {
        Assert.Equal(Enum.GetValues<IngestStream>().Order(), IngestStreams.All.Select(s => s.Stream).Order());
    }

    [Fact]
    public void NamesAndItemTypes_AreUnique_AndNamesAreRouteSegments()
    {
        Assert.Equal(IngestStreams.All.Count, IngestStreams.All.Select(s => s.Name).Distinct().Count());
        Assert.Equal(IngestStreams.All.Count, IngestStreams.All.Select(s => s.ItemType).Distinct().Count());
        Assert.All(IngestStreams.All, s => Assert.Matches("^[a-z][a-z-]*$", s.Name));
    }

    [Fact]
    public void EveryStream_HasAnEventIdAndConformanceSamples()
    {
        Assert.All(IngestStreams.All, s =>
        {
            var first = s.Fields[0];
            Assert.True(first.IsEventId && first.Required, $"{s.Name}: the first field must be the required eventId.");
            Assert.NotEmpty(StreamSamples.For(s.Name).Boundaries);
        });
    }

    [Fact]
    public void ImportUsage_NamesEveryStream()
    {
        Assert.Equal("usage: import activities|attendance|ratings|reviews|feedback|surveys|withdrawals <file.csv|file.ndjson>", IngestCli.Usage);
    }
}
