using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Pipeline;

/// <summary>Null-aware typed writes for the stream tables' binary COPY rows.</summary>
internal static class BinaryImporterExtensions
{
    public static void WriteNullable(this NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type = NpgsqlDbType.Text)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value, type);
        }
    }

    public static void WriteNullable(this NpgsqlBinaryImporter copy, decimal? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            copy.WriteNull();
        }
        else
        {
            copy.Write(value.Value, type);
        }
    }
}
