using System.Text.Json.Nodes;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests.Conformance;

/// <summary>
/// The contract every registered stream keeps over HTTP: a valid item is stored once (a retry, as JSON or NDJSON, is a
/// duplicate), a repeat inside a batch is rejected, every required field is reported by name when missing or null,
/// every field reports a wrong JSON type without losing the rest of the item, items that are not objects are rejected
/// one by one, and the per-field boundary cases of the stream's samples hold.
/// </summary>
public sealed class StreamConformanceTests(TestDatabase db) : ConformanceTestBase(db), IClassFixture<TestDatabase>
{
    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task ValidItem_IsAccepted_AndRetriesInLaterBatchesAreDuplicates(string stream)
    {
        var item = await Samples(stream).ValidAsync(Context);

        var first = await PostAsync(stream, item);
        Assert.True(first.StatusAt(0) == "accepted", first.ToJsonString());
        Assert.Equal((1, 0, 0), (first.Count("accepted"), first.Count("duplicates"), first.Count("rejected")));
        Assert.Equal(Items.IdOf(item).ToString(), (string)first["items"]![0]!["eventId"]!);

        Assert.Equal("duplicate", (await PostAsync(stream, item)).StatusAt(0));
        Assert.Equal("duplicate", (await (await Host.Client.PostNdjsonAsync(stream, item)).ResultAsync()).StatusAt(0));
        Assert.Equal(1L, await StoredAsync(stream, item));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task SameEventIdTwiceInABatch_StoresTheFirst_RejectsTheSecond(string stream)
    {
        var item = await Samples(stream).ValidAsync(Context);
        var result = await PostAsync(stream, item, item.DeepClone());
        Assert.Equal("accepted", result.StatusAt(0));
        Assert.Equal([("eventId", $"eventId {Items.IdOf(item)} appears more than once in this batch (first at index 0).")],
            ErrorsAt(result, 1));
        Assert.Equal(1L, await StoredAsync(stream, item));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task Ndjson_EveryLineIsAnItem_BlankLinesSkipped_MalformedLineRejectedByNumber(string stream)
    {
        var first = await Samples(stream).ValidAsync(Context);
        var second = await Samples(stream).ValidAsync(Context);
        var body = first.ToJsonString() + "\r\n\n{\"eventId\": oops\n" + second.ToJsonString();

        var result = await (await Host.Client.PostRawAsync(stream, body, "application/x-ndjson; charset=utf-8")).ResultAsync();

        Assert.Equal(["accepted", "rejected", "accepted"], Enumerable.Range(0, 3).Select(result.StatusAt));
        // The line's error comes first; the checks of the (empty) item it stands for follow, as they always have.
        var (field, message) = ErrorsAt(result, 1)[0];
        Assert.Equal("", field);
        Assert.StartsWith("Line 3 is not valid JSON: ", message);
        Assert.Equal(2L, await StoredAsync(stream, first, second));
    }

    [Theory]
    [MemberData(nameof(RequiredFields), MemberType = typeof(ConformanceTestBase))]
    public async Task RequiredField_Missing_RejectsThatFieldByName(string stream, string field)
    {
        var item = await Samples(stream).ValidAsync(Context);
        item.Remove(field);
        var result = await PostAsync(stream, item);
        Assert.Equal("rejected", result.StatusAt(0));
        Assert.Contains((field, $"{field} is required{Field(stream, field).Hint}."), ErrorsAt(result, 0));
    }

    [Theory]
    [MemberData(nameof(RequiredFields), MemberType = typeof(ConformanceTestBase))]
    public async Task RequiredField_Null_RejectsThatFieldByName(string stream, string field)
    {
        var item = await Samples(stream).ValidAsync(Context);
        item[field] = null;
        var result = await PostAsync(stream, item);
        Assert.Contains((field, $"{field} is required{Field(stream, field).Hint}."), ErrorsAt(result, 0));
    }

    [Theory]
    [MemberData(nameof(AllFields), MemberType = typeof(ConformanceTestBase))]
    public async Task Field_WrongJsonType_IsTheOnlyError(string stream, string field)
    {
        var (value, message) = WrongType(Field(stream, field));
        var item = await Samples(stream).ValidAsync(Context);
        item[field] = value;
        var result = await PostAsync(stream, item);
        Assert.Equal([(field, message)], ErrorsAt(result, 0));
    }

    [Theory]
    [MemberData(nameof(AllFields), MemberType = typeof(ConformanceTestBase))]
    public async Task Field_NestedArrayOrObject_IsSkippedWhole_AndTheOnlyError(string stream, string field)
    {
        var item = await Samples(stream).ValidAsync(Context);
        item[field] = JsonNode.Parse("""[{"a":[1,{"b":{"c":[null,"x"]}}]},{"eventId":"not this one"}]""");
        var result = await PostAsync(stream, item);
        var kind = Field(stream, field).Kind;
        Assert.Equal([(field, WrongType(Field(stream, field)).Message.Replace(kind is FieldKind.Whole or FieldKind.Number or FieldKind.Boolean
            ? "a string" : "a number", "an array", StringComparison.Ordinal))], ErrorsAt(result, 0));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task ItemsThatAreNotObjects_AreRejectedOneByOne_GoodItemsKept(string stream)
    {
        var good = await Samples(stream).ValidAsync(Context);
        var body = $"[\"text\", 7, null, [], true, {good.ToJsonString()}]";
        var result = await (await Host.Client.PostRawAsync(stream, body, "application/json")).ResultAsync();
        string[] kinds = ["a string", "a number", "null", "an array", "a boolean"];
        for (var i = 0; i < kinds.Length; i++)
        {
            Assert.Equal("rejected", result.StatusAt(i));
            Assert.Equal(("", $"Each item must be a JSON object; got {kinds[i]}."), ErrorsAt(result, i)[0]);
        }
        Assert.Equal("accepted", result.StatusAt(5));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task UnreadableBody_Is400_AndStoresNothing(string stream)
    {
        var good = await Samples(stream).ValidAsync(Context);
        foreach (var (body, type) in new[]
                 {
                     ($"[{good.ToJsonString()}, {{\"b\":", "application/json"),
                     ($"[{good.ToJsonString()}] trailing", "application/json"),
                     (good.ToJsonString(), "application/json"),
                     ("", "application/json"),
                     ("garbage\nmore garbage\n", "application/x-ndjson"),
                 })
        {
            var response = await Host.Client.PostRawAsync(stream, body, type);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"{type} {body}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0L, await StoredAsync(stream, good));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task ObjectWhereTheArrayBelongs_Is400_NamingTheBodyAndTheExpectedType(string stream)
    {
        var good = await Samples(stream).ValidAsync(Context);

        var response = await Host.Client.PostRawAsync(stream, good.ToJsonString(), "application/json");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("The body must be a JSON array of items (or NDJSON with Content-Type application/x-ndjson); got an object.",
            (string)problem["errors"]![""]![0]!);
        Assert.Equal((string)problem["errors"]![""]![0]!, (string)problem["detail"]!);
    }

    [Theory]
    [MemberData(nameof(BoundaryCases), MemberType = typeof(ConformanceTestBase))]
    public async Task BoundaryCase_HasItsOutcome(string stream, string name)
    {
        var samples = Samples(stream);
        var boundary = samples.Boundaries.Single(c => c.Name == name);
        var item = await samples.ValidAsync(Context);
        boundary.Change(item);

        var result = await PostAsync(stream, item);

        if (boundary.RejectedField is null)
        {
            Assert.True(result.StatusAt(0) == "accepted", result.ToJsonString());
            Assert.Equal(1L, await StoredAsync(stream, item));
            if (boundary.StoredSql is not null)
            {
                Assert.Equal(boundary.Stored, await Sql.ScalarAsync<string>(Db.DataSource, boundary.StoredSql, new { id = Items.IdOf(item) }));
            }
            return;
        }
        Assert.Equal("rejected", result.StatusAt(0));
        var (_, message) = result.ErrorAt(0, boundary.RejectedField);
        Assert.Contains(boundary.MessagePart ?? "", message);
        Assert.Equal(0L, await StoredAsync(stream, item));
    }

    /// <summary>A value of the wrong JSON type for the field, and the reader's message for it.</summary>
    private static (JsonNode Value, string Message) WrongType(ItemField field) => field.Kind switch
    {
        FieldKind.Uuid => (JsonValue.Create(42), $"{field.Name} must be a string holding a UUID; got a number."),
        FieldKind.Whole => (JsonValue.Create("12"), $"{field.Name} must be a whole number; got a string."),
        FieldKind.Number => (JsonValue.Create("1.5"), $"{field.Name} must be a number; got a string."),
        FieldKind.Boolean => (JsonValue.Create("true"), $"{field.Name} must be true or false; got a string."),
        _ => (JsonValue.Create(42), $"{field.Name} must be a string; got a number."),
    };
}
