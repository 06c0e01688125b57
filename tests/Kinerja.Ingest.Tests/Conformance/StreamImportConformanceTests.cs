using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Ingest.Cli;
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
