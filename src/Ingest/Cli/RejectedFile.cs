using System.Globalization;
using CsvHelper;
using Kinerja.Ingest.Contracts;

namespace Kinerja.Ingest.Cli;

/// <summary><c>&lt;file&gt;.rejected.csv</c>: one row per error — <c>line,eventId,field,message</c>. Created on the first rejection.</summary>
internal sealed class RejectedFile(string path) : IDisposable
{
    private StreamWriter? _writer;
    private CsvWriter? _csv;

    public string Path { get; } = path;

    public int Rows { get; private set; }

    public void Write(int line, ItemResult item)
    {
        if (_csv is null)
        {
            _writer = new StreamWriter(Path, append: false);
            _csv = CsvWriter.Create(_writer, null, leaveOpen: true);
            _csv.WriteRecord(["line", "eventId", "field", "message"]);
        }
        Rows++;
        foreach (var e in item.Errors)
        {
            _csv.WriteRecord([line.ToString(CultureInfo.InvariantCulture), item.EventId ?? "", e.Field, e.Message]);
        }
    }

    public void Dispose()
    {
        _csv?.Dispose();
        _writer?.Dispose();
    }
}
