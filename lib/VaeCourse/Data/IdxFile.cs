using System.Buffers.Binary;
using MiniTorch;

namespace VaeCourse.Data;

/// <summary>
/// Reader for the IDX format of MNIST-style files (gzipped or raw, recognised by content): a big-endian header —
/// magic number <c>0x0000 08 nd</c> (unsigned bytes, <c>nd</c> dimensions), then one int32 per dimension — and the
/// items as unsigned bytes in row-major order.
/// </summary>
public static class IdxFile
{
    /// <summary>Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, columns).</summary>
    public const int ImagesMagic = 0x0803; // 2051

    /// <summary>Magic number of a label file: unsigned bytes, 1 dimension (count).</summary>
    public const int LabelsMagic = 0x0801; // 2049

    /// <summary>
    /// The images of an IDX image file as a Float32 tensor of shape (N, rows·columns), scaled to [0,1]
    /// (pixel / 255). No checksum is verified; <see cref="Mnist.Load"/> does that for the known data sets.
    /// </summary>
    public static Tensor ReadImages(string path)
    {
        var content = Read(path, IdxKind.Images);
        var pixels = GC.AllocateUninitializedArray<float>(content.Body.Length);
        PixelConversion.ToUnitInterval(content.Body, pixels);
        return new Tensor(pixels, new long[] { content.Count, content.ItemLength });
    }

    /// <summary>The labels of an IDX label file, one byte per example.</summary>
    public static byte[] ReadLabels(string path) => Read(path, IdxKind.Labels).Body.ToArray();

    /// <summary>Reads and validates a whole IDX file into one array (header included, so it can be hashed as is).</summary>
    internal static IdxContent Read(string path, IdxKind kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        using var stream = CompressedFile.Open(path, out long maxLength, out bool gzip);

        int rank = (int)kind, headerLength = 4 + 4 * rank;
        Span<byte> header = stackalloc byte[headerLength];
        int got = CompressedFile.ReadFully(stream, header[..4], path);
        if (got < 4)
            throw new InvalidDataException($"{path}: truncated: the file has {got} bytes, too short for an IDX magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        int expectedMagic = kind == IdxKind.Images ? ImagesMagic : LabelsMagic;
        if (magic != expectedMagic)
            throw new InvalidDataException($"{path}: magic number {magic}, expected {expectedMagic} ({Describe(kind)}){MagicHint(magic)}");

        got = CompressedFile.ReadFully(stream, header[4..], path);
        if (got < headerLength - 4)
            throw new InvalidDataException($"{path}: truncated: the file has {4 + got} bytes, shorter than the {headerLength}-byte header of IDX {Describe(kind)}");
        var dimensions = new int[rank];
        long bodyLength = 1;
        for (int d = 0; d < rank; d++)
        {
            dimensions[d] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * d)..]);
            if (dimensions[d] < 0) throw new InvalidDataException($"{path}: header gives dimension {d} a negative size {dimensions[d]}");
            bodyLength *= dimensions[d];
        }
        long totalLength = headerLength + bodyLength;
        string says = HeaderSays(kind, dimensions, totalLength);
        // Check before allocating, so a corrupt header cannot ask for gigabytes.
        if (!gzip && totalLength > maxLength)
            throw new InvalidDataException($"{path}: truncated: header says {says}, file has {maxLength} bytes");
        if (totalLength > maxLength || totalLength > Array.MaxLength)
            throw new InvalidDataException($"{path}: truncated: header says {says}, the file cannot hold that many");

        var bytes = GC.AllocateUninitializedArray<byte>((int)totalLength);
        header.CopyTo(bytes);
        got = CompressedFile.ReadFully(stream, bytes.AsSpan(headerLength), path);
        if (got < bodyLength)
            throw new InvalidDataException($"{path}: truncated: header says {says}, file has {headerLength + got} bytes");
        Span<byte> probe = stackalloc byte[1];
        if (CompressedFile.ReadFully(stream, probe, path) > 0)
            throw new InvalidDataException($"{path}: header says {says}, but the file has more bytes after them");
        return new IdxContent(path, bytes, dimensions);
    }

    private static string Describe(IdxKind kind) => kind == IdxKind.Images ? "images" : "labels";

    private static string MagicHint(int magic) => magic switch
    {
        ImagesMagic => ": this is an image file",
        LabelsMagic => ": this is a label file",
        _ => "",
    };

    private static string HeaderSays(IdxKind kind, int[] dimensions, long totalLength) => kind == IdxKind.Images
        ? $"{dimensions[0]} images of {dimensions[1]}×{dimensions[2]} ({totalLength} bytes)"
        : $"{dimensions[0]} labels ({totalLength} bytes)";
}

/// <summary>The two IDX layouts the data sets use; the value is the number of dimensions.</summary>
internal enum IdxKind
{
    Labels = 1,
    Images = 3,
}

/// <summary>A whole decompressed IDX file: <see cref="Bytes"/> holds the header and then the items.</summary>
internal sealed class IdxContent(string path, byte[] bytes, int[] dimensions)
{
    public string Path { get; } = path;
    public byte[] Bytes { get; } = bytes;
    public int[] Dimensions { get; } = dimensions;
    public int Count => Dimensions[0];

    /// <summary>Bytes per item: rows·columns for images, 1 for labels.</summary>
    public int ItemLength => Dimensions.Length == 1 ? 1 : Dimensions[1] * Dimensions[2];

    public int HeaderLength => 4 + 4 * Dimensions.Length;
    public ReadOnlySpan<byte> Body => Bytes.AsSpan(HeaderLength);
}
