using System.Buffers;
using System.Text;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Streams;

namespace Kinerja.Ingest.Tests.Reading;

/// <summary>
/// Properties are matched by name whatever their order (the reader tries the next contract field first, then all of
/// them): reordered, interleaved with unknown ones, or repeated (the last one wins), an item reads the same.
/// </summary>
public sealed class JsonItemReaderTests
{
    private static readonly IngestStreamDefinition<ActivityItem> Activities =
        IngestStreams.All.OfType<IngestStreamDefinition<ActivityItem>>().Single();

    private static readonly string[] Properties =
    [
        "\"eventId\":\"3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b\"", "\"nip\":\"198503122010011001\"",
        "\"occurredAt\":\"2026-03-02T08:30:00+07:00\"", "\"minutes\":90", "\"volume\":1.5", "\"output\":\"laporan\"",
        "\"description\":\"Menyusun laporan\"", "\"skpIndicator\":\"SKP-1\"",
    ];

    public static TheoryData<string> Orders() => new()
    {
        "{" + string.Join(',', Properties) + "}",
        "{" + string.Join(',', Properties.Reverse()) + "}",
        "{" + string.Join(',', Properties.Select((p, i) => i % 2 == 0 ? p : "\"x" + i + "\":{\"minutes\":1}," + p)) + "}",
        "{" + string.Join(',', Properties[4..].Concat(Properties[..4])) + "}",
        "{\"minutes\":5,\"nip\":\"199001012015011001\"," + string.Join(',', Properties) + "}",
        "{" + string.Join(',', Properties[..3]) + ",\"Minutes\":7,\"MINUTES\":8," + string.Join(',', Properties[3..]) + "}",
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void AnyPropertyOrder_ReadsTheSameItem(string json)
    {
        var parsed = Activities.ReadJson(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
        Assert.Null(parsed.Errors);
        var item = parsed.Item;
        Assert.Equal(Guid.Parse("3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b"), parsed.EventId);
        Assert.Equal("3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b", parsed.RawEventId);
        Assert.Equal(
            ("198503122010011001", new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.FromHours(7)), 90, 1.5m, "laporan",
                "Menyusun laporan", "SKP-1"),
            (item.Nip, item.OccurredAt, item.Minutes, item.Volume, item.Output, item.Description, item.SkpIndicator));
    }

    [Fact]
    public void RequiredFieldsMissingInAnyOrder_EachReportedOnce()
    {
        var json = "{\"skpIndicator\":\"SKP-1\",\"volume\":2,\"output\":\"x\"}";
        var parsed = Activities.ReadJson(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(["eventId", "nip", "occurredAt", "minutes", "description"], parsed.Errors!.Select(e => e.Field));
    }
}
