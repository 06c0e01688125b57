using System.Buffers;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams;

namespace Kinerja.Ingest.Cli;

/// <summary>A chunk of items read from a file, with the file line of each.</summary>
internal sealed record FileChunk<T>(List<Parsed<T>> Items, List<int> Lines) where T : class;

/// <summary>Reads a CSV (header row, contract column names) or NDJSON file in chunks, without loading it whole.</summary>
internal sealed class ItemFileReader<T>(IngestStreamDefinition<T> stream, string path, int chunkSize) where T : class, new()
{
    private Func<long> _position = () => 0;

    /// <summary>Bytes read so far (for the progress bar).</summary>
    public long Position => _position();

    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<FileChunk<T>> Read()
    {
        if (IsCsv(path))
        {
            foreach (var chunk in ReadCsv())
            {
                yield return chunk;
            }
            yield break;
        }
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        _position = () => file.Position;
        using var reader = new StreamReader(file, Encoding.UTF8);
        foreach (var chunk in ReadNdjson(reader))
        {
            yield return chunk;
        }
    }

    private IEnumerable<FileChunk<T>> ReadNdjson(StreamReader reader)
    {
        var chunk = New();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }
            Parsed<T> item;
            try
            {
                item = stream.ReadJson(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(text)));
            }
            catch (JsonException ex)
            {
                item = new Parsed<T>(new T(), Guid.Empty, null, [new FieldError("", $"Line {line} is not valid JSON: {ex.Message}")]);
            }
            chunk.Items.Add(item);
            chunk.Lines.Add(line);
            if (chunk.Items.Count >= chunkSize)
            {
                yield return chunk;
                chunk = New();
            }
        }
        if (chunk.Items.Count > 0)
        {
            yield return chunk;
        }
    }

    private IEnumerable<FileChunk<T>> ReadCsv()
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
        });
        _position = () => csv.ByteOffset;
        var headers = csv.Headers;
        if (headers.Count == 0)
        {
            throw new FormatException("The CSV file has no header row.");
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            columns[headers[i].Trim()] = i;
        }
        var missing = stream.RequiredFields.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
        {
            throw new FormatException(
                $"The CSV header lacks the required column(s) {string.Join(", ", missing)} for {stream.Name} (see src/Ingest/README.md).");
        }
        var fields = new CsvFields(columns);
        var chunk = New();
        while (csv.Read())
        {
            fields.Reset(csv);
            chunk.Items.Add(stream.ReadCsv(fields));
            chunk.Lines.Add((int)csv.LineNumber);
            if (chunk.Items.Count >= chunkSize)
            {
                yield return chunk;
                chunk = New();
            }
        }
        if (chunk.Items.Count > 0)
        {
            yield return chunk;
        }
    }

    private FileChunk<T> New() => new(new List<Parsed<T>>(chunkSize), new List<int>(chunkSize));
}
