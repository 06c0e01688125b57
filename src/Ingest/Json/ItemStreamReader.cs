using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using Kinerja.Ingest.Contracts;
using Kinerja.Ingest.Pipeline;

namespace Kinerja.Ingest.Json;

internal delegate Parsed<T> ItemParser<T>(ReadOnlySequence<byte> json) where T : class;

/// <summary>
/// Reads items from a body as it arrives — a JSON array or NDJSON — parsing each item on its own, so
/// a malformed item is one rejected item, not a failed batch. Only the current item is buffered;
/// bodies over the byte limit stop with <see cref="BodyTooLargeException"/>.
/// </summary>
internal static class ItemStreamReader
{
    public static async Task<List<Parsed<T>>> ReadAsync<T>(PipeReader pipe, bool ndjson, long maxBytes,
        ItemParser<T> parse, CancellationToken ct) where T : class, new()
    {
        var items = new List<Parsed<T>>();
        try
        {
            if (ndjson)
            {
                await ReadNdjsonAsync(pipe, maxBytes, parse, items, ct);
            }
            else
            {
                await ReadArrayAsync(pipe, maxBytes, parse, items, ct);
            }
        }
        catch (BodyFormatException)
        {
            await DrainAsync(pipe, maxBytes, ct);
            throw;
        }
        return items;
    }

    /// <summary>
    /// Reads and discards the rest of a body the reader gave up on (malformed JSON), up to the byte limit, so the
    /// 400 answer leaves the keep-alive connection usable for the client's next request. Past the limit it stops
    /// reading: the server then closes the connection rather than read an unbounded body it will not use.
    /// </summary>
    private static async Task DrainAsync(PipeReader pipe, long maxBytes, CancellationToken ct)
    {
        long drained = 0;
        while (drained <= maxBytes)
        {
            var result = await pipe.ReadAsync(ct);
            drained += result.Buffer.Length;
            pipe.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return;
            }
        }
    }

    private static async Task ReadNdjsonAsync<T>(PipeReader pipe, long maxBytes, ItemParser<T> parse,
        List<Parsed<T>> items, CancellationToken ct) where T : class, new()
    {
        long consumedBytes = 0;
        var line = 0;
        var anyJson = false;
        var anyLine = false;
        while (true)
        {
            var result = await pipe.ReadAsync(ct);
            var buffer = result.Buffer;
            if (consumedBytes + buffer.Length > maxBytes)
            {
                pipe.AdvanceTo(buffer.End);
                throw new BodyTooLargeException(maxBytes);
            }
            while (true)
            {
                var eol = buffer.PositionOf((byte)'\n');
                if (eol is null)
                {
                    break;
                }
                var text = buffer.Slice(0, eol.Value);
                line++;
                ParseLine(text, line, parse, items, ref anyJson, ref anyLine);
                var next = buffer.GetPosition(1, eol.Value);
                consumedBytes += buffer.Slice(0, next).Length;
                buffer = buffer.Slice(next);
            }
            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty)
                {
                    line++;
                    ParseLine(buffer, line, parse, items, ref anyJson, ref anyLine);
                }
                pipe.AdvanceTo(buffer.End);
                break;
            }
            pipe.AdvanceTo(buffer.Start, buffer.End);
        }
        if (!anyLine)
        {
            throw new BodyFormatException("The body holds no items; send one JSON object per line (NDJSON).");
        }
        if (!anyJson)
        {
            throw new BodyFormatException("The body is not NDJSON: no line holds a JSON value.");
        }
    }

    private static void ParseLine<T>(ReadOnlySequence<byte> text, int line, ItemParser<T> parse, List<Parsed<T>> items,
        ref bool anyJson, ref bool anyLine) where T : class, new()
    {
        if (IsBlank(text))
        {
            return;
        }
        anyLine = true;
        try
        {
            items.Add(parse(text));
            anyJson = true;
        }
        catch (JsonException ex)
        {
            items.Add(new Parsed<T>(new T(), Guid.Empty, null,
                [new FieldError("", $"Line {line} is not valid JSON: {ex.Message}")]));
        }
    }

    private static bool IsBlank(ReadOnlySequence<byte> text)
    {
        foreach (var segment in text)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static async Task ReadArrayAsync<T>(PipeReader pipe, long maxBytes, ItemParser<T> parse,
        List<Parsed<T>> items, CancellationToken ct) where T : class, new()
    {
        var state = new ArrayState();
        long consumedBytes = 0;
        while (true)
        {
            var result = await pipe.ReadAsync(ct);
            var buffer = result.Buffer;
            if (consumedBytes + buffer.Length > maxBytes)
            {
                pipe.AdvanceTo(buffer.End);
                throw new BodyTooLargeException(maxBytes);
            }
            SequencePosition consumed;
            try
            {
                consumed = Step(buffer, result.IsCompleted, state, parse, items);
            }
            catch (JsonException ex)
            {
                // every read is completed (AdvanceTo) before an exception leaves: a read left pending made the server
                // abort the connection instead of draining the body, and a client's next request on it failed
                pipe.AdvanceTo(buffer.End);
                throw new BodyFormatException($"The body is not a valid JSON array: {ex.Message}", ex);
            }
            catch (BodyFormatException)
            {
                pipe.AdvanceTo(buffer.End);
                throw;
            }
            consumedBytes += buffer.Slice(0, consumed).Length;
            if (state.Ended)
            {
                var rest = buffer.Slice(consumed);
                if (!IsWhitespace(rest))
                {
                    pipe.AdvanceTo(buffer.End);
                    throw new BodyFormatException("Unexpected content after the closing ']' of the JSON array.");
                }
                pipe.AdvanceTo(buffer.End);
                if (!result.IsCompleted)
                {
                    continue;
                }
                return;
            }
            if (result.IsCompleted)
            {
                pipe.AdvanceTo(buffer.End);
                throw new BodyFormatException(state.Started
                    ? "The JSON array is not closed (missing ']')."
                    : "The body is empty; send a JSON array of items or NDJSON.");
            }
            pipe.AdvanceTo(consumed, buffer.End);
        }
    }

    private sealed class ArrayState
    {
        public JsonReaderState Reader = new(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        public bool Started;
        public bool Ended;
    }

    /// <summary>Parses every complete item in the buffer; returns how far it got.</summary>
    private static SequencePosition Step<T>(ReadOnlySequence<byte> buffer, bool final, ArrayState state,
        ItemParser<T> parse, List<Parsed<T>> items) where T : class, new()
    {
        if (state.Ended)
        {
            return buffer.Start;
        }
        var reader = new Utf8JsonReader(buffer, final, state.Reader);
        var consumed = buffer.Start;
        while (true)
        {
            var before = reader.CurrentState;
            if (!reader.Read())
            {
                state.Reader = before;
                return consumed;
            }
            if (!state.Started)
            {
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new BodyFormatException(
                        $"The body must be a JSON array of items (or NDJSON with Content-Type application/x-ndjson); got {JsonFields.Kind(reader.TokenType)}.");
                }
                state.Started = true;
            }
            else if (reader.TokenType == JsonTokenType.EndArray)
            {
                state.Ended = true;
                state.Reader = reader.CurrentState;
                return reader.Position;
            }
            else
            {
                var start = reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    state.Reader = before;
                    return consumed;
                }
                items.Add(parse(buffer.Slice(start, reader.Position)));
            }
            consumed = reader.Position;
            state.Reader = reader.CurrentState;
        }
    }

    private static bool IsWhitespace(ReadOnlySequence<byte> rest)
    {
        foreach (var segment in rest)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
