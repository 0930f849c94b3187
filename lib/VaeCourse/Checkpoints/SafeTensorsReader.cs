using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MiniTorch;

namespace VaeCourse.Checkpoints;

/// <summary>
/// Parses and validates a safetensors file as strictly as the reference reader: the header must be UTF-8 JSON of
/// at most 100 MB, every tensor's byte range must match its dtype and shape, and the ranges must tile the data
/// section exactly (no overlap, no gap, nothing after the last tensor).
/// </summary>
internal static class SafeTensorsReader
{
    private const long MaxHeaderBytes = 100_000_000;

    private sealed record Entry(string Name, ScalarType Type, long[] Shape, long Begin, long End);

    public static SafeTensorsFile Parse(ReadOnlySpan<byte> file, string source)
    {
        if (file.Length < 8)
            throw Error(source, $"the file is truncated: {file.Length} bytes, fewer than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes)
            throw Error(source, $"the header length {headerLength} exceeds the format's limit of {MaxHeaderBytes} bytes (not a safetensors file?)");
        if (headerLength > (ulong)(file.Length - 8))
            throw Error(source, $"the header length {headerLength} runs past the end of the file ({file.Length - 8} bytes after the length)");

        ReadOnlySpan<byte> headerBytes = file.Slice(8, (int)headerLength);
        ReadOnlySpan<byte> data = file[(8 + (int)headerLength)..];
        var (entries, metadata) = ParseHeader(headerBytes, source);
        Validate(entries, data.Length, source);

        var tensors = new Dictionary<string, Tensor>(entries.Count, StringComparer.Ordinal);
        foreach (Entry e in entries)
            tensors.Add(e.Name, MakeTensor(e, data[(int)e.Begin..(int)e.End]));
        return new SafeTensorsFile(tensors, metadata);
    }

    private static (List<Entry> Entries, Dictionary<string, string> Metadata) ParseHeader(ReadOnlySpan<byte> header, string source)
    {
        string text;
        try { text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header); }
        catch (DecoderFallbackException) { throw Error(source, "the header is not valid UTF-8"); }

        JsonDocument document;
        try { document = JsonDocument.Parse(text); }
        catch (JsonException ex) { throw Error(source, $"the header is not valid JSON: {ex.Message}"); }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Error(source, $"the header must be a JSON object, found {root.ValueKind}");

            var entries = new List<Entry>();
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw Error(source, $"the header names '{property.Name}' twice");
                if (property.Name == "__metadata__") ReadMetadata(property.Value, metadata, source);
                else entries.Add(ReadEntry(property.Name, property.Value, source));
            }
            return (entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(source, $"__metadata__ must be an object of strings, found {value.ValueKind}");
        foreach (JsonProperty item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Error(source, $"__metadata__ entry '{item.Name}' must be a string, found {item.Value.ValueKind}");
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static Entry ReadEntry(string name, JsonElement value, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Error(source, $"tensor '{name}': expected an object with dtype, shape and data_offsets, found {value.ValueKind}");

        if (!value.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw Error(source, $"tensor '{name}': missing the string field 'dtype'");
        string dtype = dtypeElement.GetString()!;
        ScalarType type = SafeTensorsDType.Engine(dtype) ?? throw Error(source, SafeTensorsDType.IsFormatDType(dtype)
            ? $"tensor '{name}': dtype {dtype} is not supported (this engine holds F32 and I64)"
            : $"tensor '{name}': unknown dtype '{dtype}'");

        long[] shape = ReadIntegers(value, "shape", name, source);
        if (shape.Length > Tensor.MaxRank)
            throw Error(source, $"tensor '{name}': shape {Check.Shape(shape)} has rank {shape.Length}; the engine holds rank 0 to {Tensor.MaxRank}");
        long[] offsets = ReadIntegers(value, "data_offsets", name, source);
        if (offsets.Length != 2)
            throw Error(source, $"tensor '{name}': data_offsets must be [begin, end], found {offsets.Length} numbers");
        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    private static long[] ReadIntegers(JsonElement entry, string field, string name, string source)
    {
        if (!entry.TryGetProperty(field, out JsonElement array) || array.ValueKind != JsonValueKind.Array)
            throw Error(source, $"tensor '{name}': missing the array field '{field}'");
        var values = new long[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
                throw Error(source, $"tensor '{name}': '{field}' must hold non-negative integers, found {item.GetRawText()}");
            values[i++] = v;
        }
        return values;
    }

    // Per tensor: begin ≤ end ≤ data length and end − begin = numel × dtype size. Across tensors, sorted by
    // offset: each begins where the previous ended, and the last ends at the end of the file.
    private static void Validate(List<Entry> entries, long dataLength, string source)
    {
        foreach (Entry e in entries)
        {
            if (e.End < e.Begin)
                throw Error(source, $"tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}] end before they begin");
            if (e.End > dataLength)
                throw Error(source, $"tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}] run past the end of the data section ({dataLength} bytes); the file may be truncated");
            long bytes = ByteCount(e, source);
            if (e.End - e.Begin != bytes)
                throw Error(source, $"tensor '{e.Name}': shape {Check.Shape(e.Shape)} of {SafeTensorsDType.Name(e.Type)} needs {bytes} bytes, but data_offsets [{e.Begin}, {e.End}] hold {e.End - e.Begin}");
        }

        entries.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long expectedBegin = 0;
        string previous = "the start of the data section";
        foreach (Entry e in entries)
        {
            if (e.Begin < expectedBegin)
                throw Error(source, $"tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}] overlap {previous} (which ends at {expectedBegin})");
            if (e.Begin > expectedBegin)
                throw Error(source, $"tensor '{e.Name}': data_offsets [{e.Begin}, {e.End}] leave a gap after {previous} (which ends at {expectedBegin})");
            expectedBegin = e.End;
            previous = $"tensor '{e.Name}'";
        }
        if (expectedBegin != dataLength)
            throw Error(source, $"the tensors use {expectedBegin} bytes of data but the data section has {dataLength}: trailing bytes after the last tensor");
    }

    private static long ByteCount(Entry e, string source)
    {
        try
        {
            long count = 1;
            foreach (long size in e.Shape) count = checked(count * size);
            if (count > Array.MaxLength)
                throw Error(source, $"tensor '{e.Name}': shape {Check.Shape(e.Shape)} has {count} elements, more than an array can hold");
            return checked(count * SafeTensorsDType.Size(e.Type));
        }
        catch (OverflowException)
        {
            throw Error(source, $"tensor '{e.Name}': shape {Check.Shape(e.Shape)} overflows");
        }
    }

    private static Tensor MakeTensor(Entry e, ReadOnlySpan<byte> bytes)
    {
        if (e.Type == ScalarType.Float32)
        {
            var values = new float[bytes.Length / 4];
            if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
            else for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
            return new Tensor(values, e.Shape);
        }
        var longs = new long[bytes.Length / 8];
        if (BitConverter.IsLittleEndian) bytes.CopyTo(MemoryMarshal.AsBytes(longs.AsSpan()));
        else for (int i = 0; i < longs.Length; i++) longs[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes[(8 * i)..]);
        return new Tensor(longs, e.Shape);
    }

    private static InvalidDataException Error(string source, string message) =>
        new($"safetensors: {source}: {message}");
}
