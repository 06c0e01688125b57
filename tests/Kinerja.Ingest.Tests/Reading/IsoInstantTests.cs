using System.Text;
using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Json;

namespace Kinerja.Ingest.Tests.Reading;

/// <summary>
/// The byte-level reader of the common instant shape (<see cref="IsoInstant"/>) must agree with the general parser
/// (<see cref="JsonFields.TryParseInstant"/>) on every text it accepts, and leave every other text to it.
/// </summary>
public sealed class IsoInstantTests
{
    [Theory]
    [InlineData("2026-03-02T08:30:00+07:00")]
    [InlineData("2026-03-02T01:30:00Z")]
    [InlineData("2026-03-02T08:30:00-03:30")]
    [InlineData("2026-12-31T23:59:59+09:00")]
    [InlineData("2024-02-29T00:00:00+14:00")]
    [InlineData("2024-02-29T00:00:00-14:00")]
    [InlineData("2026-03-02T08:30:00.5+07:00")]
    [InlineData("2026-03-02T08:30:00.1234567Z")]
    [InlineData("0002-01-01T00:00:00Z")]
    [InlineData("9998-12-31T23:59:59.9999999-14:00")]
    public void CommonShape_ReadFromTheBytes_SameValueAndOffsetAsTheGeneralParser(string text)
    {
        Assert.True(IsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out var fast));
        Assert.True(JsonFields.TryParseInstant(text, out var general));
        Assert.Equal(general, fast);
        Assert.Equal(general.Offset, fast.Offset);
        Assert.Equal(general.Ticks, fast.Ticks);
    }

    [Theory]
    [InlineData("2026-03-02t08:30:00+07:00")] // lower-case t: the general parser decides
    [InlineData("2026-03-02T08:30:00z")]
    [InlineData("2026-03-02T08:30:00")] // no offset
    [InlineData("2026-03-02T08:30+07:00")] // no seconds
    [InlineData("2026-03-02T08:30:00+0700")]
    [InlineData("2026-03-02T08:30:00+07")]
    [InlineData("2026-03-02T08:30:00.+07:00")]
    [InlineData("2026-03-02T08:30:00.12345678+07:00")] // 8 fraction digits
    [InlineData("2026-03-02T24:00:00+07:00")]
    [InlineData("2026-12-31T23:59:60Z")] // a leap second
    [InlineData("2026-02-29T08:30:00+07:00")] // not a leap year
    [InlineData("2026-13-02T08:30:00+07:00")]
    [InlineData("2026-00-02T08:30:00+07:00")]
    [InlineData("2026-03-00T08:30:00+07:00")]
    [InlineData("2026-03-02T08:60:00+07:00")]
    [InlineData("2026-03-02T08:30:00+14:01")]
    [InlineData("2026-03-02T08:30:00+07:60")]
    [InlineData("0001-01-01T00:00:00+01:00")] // before the first instant in UTC: the general parser refuses it
    [InlineData("9999-12-31T23:59:59-01:00")] // after the last one
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData(" 2026-03-02T08:30:00+07:00")]
    [InlineData("2026-03-02T08:30:00+07:00 ")]
    [InlineData("2026-03-02 08:30:00+07:00")]
    [InlineData("２026-03-02T08:30:00+07:00")] // a full-width digit
    [InlineData("")]
    public void OtherText_LeftToTheGeneralParser(string text)
    {
        Assert.False(IsoInstant.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(default, value);
    }

    [Fact]
    public void RandomTexts_AcceptedOnlyWhereTheGeneralParserAcceptsTheSameInstant()
    {
        var random = new Random(22);
        const string alphabet = "0123456789-:T.Z+ tz";
        var accepted = 0;
        for (var n = 0; n < 50_000; n++)
        {
            // a valid instant with a few characters replaced: mostly near the shape, sometimes in it
            var text = new StringBuilder(Sample(random));
            for (var k = random.Next(0, 3); k > 0; k--)
            {
                text[random.Next(text.Length)] = alphabet[random.Next(alphabet.Length)];
            }
            var s = text.ToString();
            if (!IsoInstant.TryParse(Encoding.UTF8.GetBytes(s), out var fast))
            {
                continue;
            }
            accepted++;
            Assert.True(JsonFields.TryParseInstant(s, out var general), s);
            Assert.Equal((general.Ticks, general.Offset), (fast.Ticks, fast.Offset));
        }
        Assert.True(accepted > 10_000, $"only {accepted} of the random texts had the common shape");
    }

    [Fact]
    public void EscapedInstant_StillReadByTheGeneralParser()
    {
        // "\u002B" is '+': the bytes are not the text, so the byte reader is skipped
        var reader = ValueReader("\"2026-03-02T08:30:00\\u002B07:00\"");
        List<FieldError>? errors = null;
        var value = JsonFields.Instant(ref reader, "occurredAt", ref errors);
        Assert.Null(errors);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 30, 0, TimeSpan.FromHours(7)), value);
    }

    [Fact]
    public void OffsetMissing_SameErrorAsBefore()
    {
        var reader = ValueReader("\"2026-03-02T08:30:00\"");
        List<FieldError>? errors = null;
        Assert.Equal(default, JsonFields.Instant(ref reader, "occurredAt", ref errors));
        var error = Assert.Single(errors!);
        Assert.Equal("occurredAt", error.Field);
        Assert.Equal("occurredAt must be an ISO-8601 date and time with a UTC offset (e.g. 2026-03-02T08:30:00+07:00 or " +
                     "2026-03-02T01:30:00Z); got '2026-03-02T08:30:00'.", error.Message);
    }

    [Fact]
    public void CommonShape_ReadWithoutAllocating()
    {
        var json = Encoding.UTF8.GetBytes("\"2026-03-02T08:30:00+07:00\"");
        List<FieldError>? errors = null;
        Read(json, ref errors);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Read(json, ref errors);
        }
        // the text used to be decoded into a string for the culture-aware parser, once per event
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Null(errors);

        static void Read(byte[] json, ref List<FieldError>? errors)
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            JsonFields.Instant(ref reader, "occurredAt", ref errors);
        }
    }

    private static Utf8JsonReader ValueReader(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return reader;
    }

    private static string Sample(Random random)
    {
        var at = new DateTime(2000, 1, 1).AddTicks((long)(random.NextDouble() * TimeSpan.FromDays(365 * 40).Ticks));
        var fraction = random.Next(4) switch
        {
            0 => "",
            1 => "." + random.Next(10),
            2 => "." + random.Next(1000).ToString("D3"),
            _ => "." + random.Next(10_000_000).ToString("D7"),
        };
        var offset = random.Next(3) == 0 ? "Z"
            : (random.Next(2) == 0 ? "+" : "-") + random.Next(15).ToString("D2") + ":" + (random.Next(4) * 15).ToString("D2");
        return at.ToString("yyyy-MM-dd'T'HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + fraction + offset;
    }
}
