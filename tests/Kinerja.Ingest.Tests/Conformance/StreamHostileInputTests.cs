using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;

namespace Kinerja.Ingest.Tests.Conformance;

/// <summary>
/// Input meant to break a parser or the writer, for every registered stream: each is a per-item rejection (or, when
/// the body as a whole is unreadable, a 400) — never a failed batch for the good items, never a 5xx.
/// </summary>
public sealed class StreamHostileInputTests(TestDatabase db) : ConformanceTestBase(db), IClassFixture<TestDatabase>
{
    [Theory]
    [MemberData(nameof(NumericFields), MemberType = typeof(ConformanceTestBase))]
    public async Task HugeNumbers_AreRejectedOnTheirField(string stream, string field)
    {
        foreach (var huge in new[] { "1e400", "-1e400", "99999999999999999999999999999999999999", "2147483648" })
        {
            if (Field(stream, field).Kind == FieldKind.Number && huge == "2147483648")
            {
                continue; // a decimal field holds it
            }
            var item = await Samples(stream).ValidAsync(Context);
            item[field] = JsonNode.Parse(huge);
            var result = await PostAsync(stream, item);
            Assert.True(result.StatusAt(0) == "rejected", $"{huge}: {result.ToJsonString()}");
            Assert.Equal(field, Assert.Single(ErrorsAt(result, 0)).Field);
        }
    }

    [Theory]
    [MemberData(nameof(TextFields), MemberType = typeof(ConformanceTestBase))]
    public async Task VeryLongString_IsRejectedOnItsField_AndTheBatchKeepsItsGoodItems(string stream, string field)
    {
        var item = await Samples(stream).ValidAsync(Context);
        var good = await Samples(stream).ValidAsync(Context);
        item[field] = new string('9', 100_000);
        var result = await PostAsync(stream, item, good);
        Assert.Equal("rejected", result.StatusAt(0));
        Assert.Equal(field, Assert.Single(ErrorsAt(result, 0)).Field);
        Assert.Equal("accepted", result.StatusAt(1));
    }

    [Theory]
    [MemberData(nameof(TextFields), MemberType = typeof(ConformanceTestBase))]
    public async Task NulCharacter_IsRejectedOnItsField_AndTheBatchKeepsItsGoodItems(string stream, string field)
    {
        var item = await Samples(stream).ValidAsync(Context);
        var good = await Samples(stream).ValidAsync(Context);
        item[field] = "a\u0000b";
        var result = await PostAsync(stream, item, good);
        Assert.True(result.StatusAt(0) == "rejected", result.ToJsonString());
        Assert.Equal(field, Assert.Single(ErrorsAt(result, 0)).Field);
        Assert.Equal("accepted", result.StatusAt(1));
        Assert.Equal(1L, await StoredAsync(stream, item, good));
    }

    [Theory]
    [MemberData(nameof(TextFields), MemberType = typeof(ConformanceTestBase))]
    public async Task UnpairedSurrogateEscape_IsRejectedOnItsField(string stream, string field)
    {
        var item = await Samples(stream).ValidAsync(Context);
        item[field] = "PLACEHOLDER";
        var body = "[" + item.ToJsonString().Replace("\"PLACEHOLDER\"", "\"ab\\ud800cd\"", StringComparison.Ordinal) + "]";
        var result = await (await Host.Client.PostRawAsync(stream, body, "application/json")).ResultAsync();
        Assert.Equal([(field, $"{field} is not valid Unicode text (invalid UTF-8 or an unpaired surrogate escape).")], ErrorsAt(result, 0));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task InvalidUtf8InAString_IsRejectedOnItsField(string stream)
    {
        var item = await Samples(stream).ValidAsync(Context);
        var field = Definition(stream).Fields.First(f => f.Kind == FieldKind.Text).Name;
        item[field] = "PLACEHOLDER";
        var json = Encoding.UTF8.GetBytes("[" + item.ToJsonString() + "]");
        var at = Encoding.UTF8.GetString(json).IndexOf("PLACEHOLDER", StringComparison.Ordinal);
        json[at] = 0xFF;
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        var response = await Host.Client.PostAsync($"/api/v1/{stream}", content);
        var result = await response.ResultAsync();
        Assert.Equal(field, Assert.Single(ErrorsAt(result, 0)).Field);
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task ControlCharacterUnescaped_IsAMalformedLine(string stream)
    {
        var item = await Samples(stream).ValidAsync(Context);
        var good = await Samples(stream).ValidAsync(Context);
        var field = Definition(stream).Fields.First(f => f.Kind == FieldKind.Text).Name;
        item[field] = "PLACEHOLDER";
        var line = item.ToJsonString().Replace("PLACEHOLDER", "a\u0001b", StringComparison.Ordinal);
        var result = await (await Host.Client.PostRawAsync(stream, line + "\n" + good.ToJsonString(), "application/x-ndjson")).ResultAsync();
        Assert.StartsWith("Line 1 is not valid JSON", ErrorsAt(result, 0)[0].Message);
        Assert.Equal("accepted", result.StatusAt(1));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task DeeplyNestedJson_IsOneRejectedNdjsonLine_OrA400ForAnArray(string stream)
    {
        var good = await Samples(stream).ValidAsync(Context);
        var deep = await Samples(stream).ValidAsync(Context);
        deep["extra"] = "PLACEHOLDER";
        var nested = deep.ToJsonString().Replace("\"PLACEHOLDER\"", new string('[', 200) + new string(']', 200), StringComparison.Ordinal);

        var lines = await (await Host.Client.PostRawAsync(stream, nested + "\n" + good.ToJsonString(), "application/x-ndjson")).ResultAsync();
        Assert.StartsWith("Line 1 is not valid JSON", ErrorsAt(lines, 0)[0].Message);
        Assert.Equal("accepted", lines.StatusAt(1));

        var other = await Samples(stream).ValidAsync(Context);
        var array = await Host.Client.PostRawAsync(stream, $"[{other.ToJsonString()},{nested}]", "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, array.StatusCode);
        Assert.Contains("The body is not a valid JSON array", await array.Content.ReadAsStringAsync());
        Assert.Equal(0L, await StoredAsync(stream, other));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task UnknownFieldsAndModerateNesting_AreIgnored(string stream)
    {
        var item = await Samples(stream).ValidAsync(Context);
        item["notAField"] = JsonNode.Parse("""{"a":[1,2,{"b":[{"c":"d"}]}],"e":null}""");
        item["EventId"] = "a property name differs by case: not the eventId";
        Assert.Equal("accepted", (await PostAsync(stream, item)).StatusAt(0));
    }
}
