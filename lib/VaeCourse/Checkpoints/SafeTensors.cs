using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MiniTorch;

namespace VaeCourse.Checkpoints;

/// <summary>
/// Checkpoints in Hugging Face's safetensors format, readable by PyTorch, JAX and TorchSharp tooling:
/// an 8-byte little-endian header length N, N bytes of UTF-8 JSON
/// (<c>{"name":{"dtype":"F32","shape":[…],"data_offsets":[begin,end]},…,"__metadata__":{…}}</c>, padded with
/// spaces to a multiple of 8), then the raw little-endian tensor data. Float32 (F32) and Int64 (I64) tensors.
/// </summary>
public static class SafeTensors
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (and optional string <paramref name="metadata"/>) to
    /// <paramref name="path"/> atomically: a failure leaves any existing file untouched.
    /// </summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        var (header, ordered) = Prepare(tensors, metadata, path);
        AtomicFile.Write(path, "safetensors.Save", stream =>
        {
            stream.Write(header);
            foreach (var (_, tensor) in ordered) WriteData(stream, tensor);
        });
    }

    /// <summary>The bytes <see cref="Save"/> would write.</summary>
    public static byte[] Serialize(IEnumerable<KeyValuePair<string, Tensor>> tensors,
        IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        var (header, ordered) = Prepare(tensors, metadata, "<memory>");
        using var buffer = new MemoryStream();
        buffer.Write(header);
        foreach (var (_, tensor) in ordered) WriteData(buffer, tensor);
        return buffer.ToArray();
    }

    /// <summary>Reads every tensor of the file at <paramref name="path"/>.</summary>
    public static Dictionary<string, Tensor> Load(string path) => new(Read(path).Tensors);

    /// <summary>Reads the tensors and the metadata of the file at <paramref name="path"/>.</summary>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"safetensors: {path}: no such file", path);
        return SafeTensorsReader.Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses safetensors bytes; <paramref name="source"/> names them in error messages.</summary>
    public static SafeTensorsFile Deserialize(ReadOnlySpan<byte> bytes, string source = "<memory>") =>
        SafeTensorsReader.Parse(bytes, source);

    /// <summary>
    /// Loads the file into existing tensors (a model's parameters) in place, after checking that every expected
    /// tensor is present with the same dtype and shape (and, when <paramref name="strict"/>, that the file holds
    /// no others). All problems are reported together and nothing is changed unless every check passes.
    /// Returns the file's metadata.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LoadInto(string path, IEnumerable<KeyValuePair<string, Tensor>> target,
        bool strict = true)
    {
        SafeTensorsFile file = Read(path);
        CopyInto(file.Tensors, target, path, strict);
        return file.Metadata;
    }

    /// <summary>
    /// Copies <paramref name="source"/> tensors into the same-named <paramref name="target"/> tensors in place,
    /// after the checks of <see cref="LoadInto"/>; <paramref name="sourceName"/> names the source in errors.
    /// </summary>
    public static void CopyInto(IReadOnlyDictionary<string, Tensor> source, IEnumerable<KeyValuePair<string, Tensor>> target,
        string sourceName, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var expected = target.ToList();
        var problems = new List<string>();
        var expectedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in expected)
        {
            expectedNames.Add(name);
            if (!source.TryGetValue(name, out Tensor? found))
                problems.Add($"missing tensor '{name}' (expected {tensor.dtype} {Check.Shape(tensor.Shape)})");
            else if (found.dtype != tensor.dtype)
                problems.Add($"tensor '{name}': expected {tensor.dtype}, found {found.dtype}");
            else if (!found.Shape.SequenceEqual(tensor.Shape))
                problems.Add($"tensor '{name}': expected shape {Check.Shape(tensor.Shape)}, found {Check.Shape(found.Shape)}");
        }
        if (strict)
            foreach (string name in source.Keys.Where(n => !expectedNames.Contains(n)).Order(StringComparer.Ordinal))
                problems.Add($"unexpected tensor '{name}' {Check.Shape(source[name].Shape)}");
        if (problems.Count > 0)
            throw new InvalidDataException($"safetensors: {sourceName}: cannot load {problems.Count} tensor(s):\n  - " +
                string.Join("\n  - ", problems));

        foreach (var (name, tensor) in expected)
        {
            Tensor found = source[name];
            if (tensor.dtype == ScalarType.Float32) found.Span.CopyTo(tensor.Span);
            else found.Longs!.AsSpan().CopyTo(tensor.Longs!);
        }
    }

    // The header bytes (length prefix + padded JSON) and the tensors in file order.
    private static (byte[] Header, List<(string Name, Tensor Tensor)> Ordered) Prepare(
        IEnumerable<KeyValuePair<string, Tensor>> tensors, IEnumerable<KeyValuePair<string, string>>? metadata, string target)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var ordered = new List<(string Name, Tensor Tensor)>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, tensor) in tensors)
        {
            if (name is null || tensor is null) throw new ArgumentException($"safetensors: {target}: a tensor or its name is null");
            if (name == "__metadata__") throw new ArgumentException($"safetensors: {target}: '__metadata__' is reserved and cannot name a tensor");
            if (!names.Add(name)) throw new ArgumentException($"safetensors: {target}: two tensors are named '{name}'");
            ordered.Add((name, tensor));
        }
        // As the reference writer: most strictly aligned dtype first (I64 before F32), then by name (UTF-8 bytes).
        ordered.Sort((a, b) =>
        {
            int byType = SafeTensorsDType.AlignmentRank(b.Tensor.dtype).CompareTo(SafeTensorsDType.AlignmentRank(a.Tensor.dtype));
            return byType != 0 ? byType : Encoding.UTF8.GetBytes(a.Name).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.Name));
        });

        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata is not null)
            {
                writer.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    if (key is null || value is null) throw new ArgumentException($"safetensors: {target}: metadata keys and values must not be null");
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor) in ordered)
            {
                long bytes = (long)tensor.numel() * SafeTensorsDType.Size(tensor.dtype);
                writer.WriteStartObject(name);
                writer.WriteString("dtype", SafeTensorsDType.Name(tensor.dtype));
                writer.WriteStartArray("shape");
                foreach (long size in tensor.Shape) writer.WriteNumberValue(size);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }
            writer.WriteEndObject();
        }

        // Pad the JSON with spaces so that the data section starts 8-byte aligned (8 + N ≡ 0 mod 8).
        int jsonLength = (int)json.Length;
        int padded = (jsonLength + 7) / 8 * 8;
        var header = new byte[8 + padded];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)padded);
        json.GetBuffer().AsSpan(0, jsonLength).CopyTo(header.AsSpan(8));
        header.AsSpan(8 + jsonLength).Fill((byte)' ');
        return (header, ordered);
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        if (BitConverter.IsLittleEndian)
        {
            if (tensor.dtype == ScalarType.Float32) stream.Write(MemoryMarshal.AsBytes(tensor.Span));
            else stream.Write(MemoryMarshal.AsBytes(tensor.Longs!.AsSpan()));
            return;
        }
        // Big-endian hosts: the format is little-endian whatever the machine.
        Span<byte> word = stackalloc byte[8];
        if (tensor.dtype == ScalarType.Float32)
            foreach (float v in tensor.Span) { BinaryPrimitives.WriteSingleLittleEndian(word, v); stream.Write(word[..4]); }
        else
            foreach (long v in tensor.Longs!) { BinaryPrimitives.WriteInt64LittleEndian(word, v); stream.Write(word); }
    }
}
