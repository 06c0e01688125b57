using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Cli;
using Kinerja.Ingest.Streams.Reading;
using Kinerja.Ingest.Tests.Support;
using Kinerja.Testing;
using Spectre.Console;

namespace Kinerja.Ingest.Tests.Conformance;

/// <summary>
/// The bulk import of every registered stream: a CSV with the contract's field names as columns and an NDJSON file are
/// stored and re-importing them is a no-op; an empty required cell is a rejected row with the field's message and the
/// file line; a missing required column stops the import (exit 2).
/// </summary>
public sealed class StreamImportConformanceTests(TestDatabase db) : ConformanceTestBase(db), IClassFixture<TestDatabase>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-conformance-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task Csv_OfValidRows_IsStored_AndReimportIsANoOp(string stream)
    {
        var items = new[] { await Samples(stream).ValidAsync(Context), await Samples(stream).ValidAsync(Context) };
        var file = await WriteCsvAsync(stream, items);

        Assert.Equal(0, await ImportAsync(stream, file));
        Assert.Equal(2L, await StoredAsync(stream, items));
        Assert.Equal(0, await ImportAsync(stream, file));
        Assert.Equal(2L, await StoredAsync(stream, items));
        Assert.False(File.Exists(file + ".rejected.csv"));
    }

    [Theory]
    [MemberData(nameof(Streams), MemberType = typeof(ConformanceTestBase))]
    public async Task Ndjson_OfValidLines_IsStored_AndReimportIsANoOp(string stream)
    {
        var items = new[] { await Samples(stream).ValidAsync(Context), await Samples(stream).ValidAsync(Context) };
        var file = Path.Combine(_dir, stream + ".ndjson");
        await File.WriteAllLinesAsync(file, items.Select(i => i.ToJsonString()));

        Assert.Equal(0, await ImportAsync(stream, file));
        Assert.Equal(0, await ImportAsync(stream, file));
        Assert.Equal(2L, await StoredAsync(stream, items));
    }

    [Theory]
    [MemberData(nameof(RequiredFields), MemberType = typeof(ConformanceTestBase))]
    public async Task Csv_EmptyRequiredCell_IsARejectedRowWithLineFieldAndMessage(string stream, string field)
    {
        var good = await Samples(stream).ValidAsync(Context);
        var bad = await Samples(stream).ValidAsync(Context);
        bad.Remove(field);
        var file = await WriteCsvAsync(stream, [good, bad]);

        Assert.Equal(1, await ImportAsync(stream, file));

        var rejected = await File.ReadAllTextAsync(file + ".rejected.csv");
        var message = $"{field} is required{Field(stream, field).CsvHint}.";
        Assert.Contains($",{field},{(message.Contains(',', StringComparison.Ordinal) ? $"\"{message}\"" : message)}", rejected);
        Assert.StartsWith("line,eventId,field,message", rejected);
        Assert.All(rejected.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1), l => Assert.StartsWith("3,", l));
        Assert.Equal(1L, await StoredAsync(stream, good));
    }

    [Theory]
    [MemberData(nameof(RequiredFields), MemberType = typeof(ConformanceTestBase))]
    public async Task Csv_WithoutARequiredColumn_StopsWithExitTwoNamingIt(string stream, string field)
    {
        var item = await Samples(stream).ValidAsync(Context);
        var file = await WriteCsvAsync(stream, [item], without: field);

        Assert.Equal(2, await ImportAsync(stream, file));

        Assert.Contains($"lacks the required column(s) {field} for {stream}", _error.ToString());
        Assert.Equal(0L, await StoredAsync(stream, item));
    }

    [Theory]
    [MemberData(nameof(TypedFields), MemberType = typeof(StreamImportConformanceTests))]
    public async Task Csv_UnreadableCell_IsARejectedRowWithTheFieldsMessage(string stream, string field)
    {
        var (cell, message) = Unreadable(Field(stream, field));
        var item = await Samples(stream).ValidAsync(Context);
        item[field] = cell;
        var file = await WriteCsvAsync(stream, [item]);

        Assert.Equal(1, await ImportAsync(stream, file));

        var rejected = await File.ReadAllLinesAsync(file + ".rejected.csv");
        Assert.Contains(rejected, l => l.StartsWith("2,", StringComparison.Ordinal) && l.EndsWith($",{field},{message}", StringComparison.Ordinal));
    }

    /// <summary>Every (stream, field) that is not free text: its CSV cell is parsed.</summary>
    public static TheoryData<string, string> TypedFields
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var stream in global::Kinerja.Ingest.Streams.IngestStreams.All)
            {
                foreach (var f in stream.Fields.Where(f => f.Kind != FieldKind.Text))
                {
                    data.Add(stream.Name, f.Name);
                }
            }
            return data;
        }
    }

    /// <summary>A cell the field cannot be read from, and the import's message for it (the CLI's contract).</summary>
    private static (string Cell, string Message) Unreadable(ItemField field) => field.Kind switch
    {
        FieldKind.Uuid => ("not-a-uuid", $"{field.Name} must be a UUID (e.g. 3f2b8c1e-6d4a-4f7e-9b1a-2c3d4e5f6a7b); got 'not-a-uuid'."),
        FieldKind.Whole => ("12.5", $"{field.Name} must be a whole number; got '12.5'."),
        FieldKind.Number => ("1.5x", $"{field.Name} must be a number (with '.' as decimal point); got '1.5x'."),
        FieldKind.Boolean => ("ya", $"{field.Name} must be true or false; got 'ya'."),
        FieldKind.Instant => ("2025-03-02 08:30", $"{field.Name} must be an ISO-8601 date and time with a UTC offset (e.g. 2026-03-02T08:30:00+07:00); got '2025-03-02 08:30'."),
        FieldKind.Date => ("02/03/2025", $"{field.Name} must be a local date YYYY-MM-DD; got '02/03/2025'."),
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    private Task<int> ImportAsync(string stream, string file)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        return IngestCli.RunAsync(["import", stream, file], Host.Services, console, _error);
    }

    /// <summary>A CSV with every contract field as a column (but <paramref name="without"/>), cells as in the JSON items.</summary>
    private async Task<string> WriteCsvAsync(string stream, JsonObject[] items, string? without = null)
    {
        var columns = Definition(stream).Fields.Select(f => f.Name).Where(n => n != without).ToList();
        var csv = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (var item in items)
        {
            csv.Append(string.Join(',', columns.Select(c => Cell(item[c])))).Append('\n');
        }
        var file = Path.Combine(_dir, $"{stream}-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        return file;
    }

    private static string Cell(JsonNode? value)
    {
        if (value is null)
        {
            return "";
        }
        var text = value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.ToJsonString(),
        };
        return text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
