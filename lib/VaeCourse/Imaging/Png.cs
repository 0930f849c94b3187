using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VaeCourse.Imaging;

/// <summary>The PNG colour types the course writes, all at 8 bits per sample.</summary>
public enum PngColorType : byte
{
    /// <summary>One byte per pixel, 0 = black, 255 = white.</summary>
    Grayscale = 0,

    /// <summary>Three bytes per pixel: red, green, blue.</summary>
    Rgb = 2,
}

/// <summary>
/// A minimal PNG encoder (ISO/IEC 15948): signature, IHDR, one IDAT holding the zlib stream, IEND. Rows are
/// filtered with the specification's suggested heuristic (per row, the filter with the smallest sum of absolute
/// signed residuals), non-interlaced.
/// </summary>
public static class Png
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Bytes per pixel for a colour type at 8 bits per sample.</summary>
    public static int Channels(PngColorType colorType) => colorType switch
    {
        PngColorType.Grayscale => 1,
        PngColorType.Rgb => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(colorType), colorType, "png: unsupported colour type"),
    };

    /// <summary>
    /// Encodes row-major 8-bit <paramref name="pixels"/> (height rows of width × channels bytes) as a PNG file.
    /// </summary>
    public static byte[] Encode(ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType,
        CompressionLevel compression = CompressionLevel.Optimal)
    {
        int channels = Channels(colorType);
        if (width < 1 || height < 1)
            throw new ArgumentException($"png: width and height must be at least 1, got {width}×{height}");
        long rowBytes = (long)width * channels;
        if ((rowBytes + 1) * height > Array.MaxLength)
            throw new ArgumentException($"png: a {width}×{height} image is too large to encode in memory");
        if (pixels.Length != rowBytes * height)
            throw new ArgumentException(
                $"png: a {width}×{height} {colorType} image needs {rowBytes * height} bytes, got {pixels.Length}");

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)height);
        header[8] = 8;                // bit depth
        header[9] = (byte)colorType;
        header[10] = 0;               // compression method: deflate
        header[11] = 0;               // filter method: adaptive, five filter types
        header[12] = 0;               // no interlace
        WriteChunk(file, "IHDR", header);

        WriteChunk(file, "IDAT", Compress(FilterRows(pixels, (int)rowBytes, height, channels), compression));
        WriteChunk(file, "IEND", ReadOnlySpan<byte>.Empty);
        return file.ToArray();
    }

    private static byte[] Compress(byte[] filtered, CompressionLevel compression)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, compression, leaveOpen: true))
            zlib.Write(filtered);
        return compressed.ToArray();
    }

    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        Span<byte> typeBytes = stackalloc byte[4];
        Encoding.ASCII.GetBytes(type, typeBytes);

        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        file.Write(word);
        file.Write(typeBytes);
        file.Write(data);
        // The CRC covers the chunk type and data, not the length.
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Append(Crc32.Compute(typeBytes), data));
        file.Write(word);
    }

    // Each output row is a filter-type byte followed by rowBytes residuals. Filters predict a byte from the byte
    // `channels` to its left (a), the byte above (b) and the byte above-left (c); outside the image they read 0.
    private static byte[] FilterRows(ReadOnlySpan<byte> pixels, int rowBytes, int height, int channels)
    {
        var output = new byte[(rowBytes + 1) * height];
        var candidate = new byte[rowBytes];
        var zeroRow = new byte[rowBytes];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * rowBytes, rowBytes);
            ReadOnlySpan<byte> above = y == 0 ? zeroRow : pixels.Slice((y - 1) * rowBytes, rowBytes);
            Span<byte> target = output.AsSpan(y * (rowBytes + 1), rowBytes + 1);

            long bestScore = long.MaxValue;
            for (byte filter = 0; filter <= 4; filter++)
            {
                long score = ApplyFilter(filter, row, above, channels, candidate);
                if (score < bestScore)
                {
                    bestScore = score;
                    target[0] = filter;
                    candidate.CopyTo(target[1..]);
                }
            }
        }
        return output;
    }

    // Writes the filtered row into `residuals` and returns the heuristic score: the sum of |residual as sbyte|.
    // One loop per filter type (rather than a switch per byte) keeps the hot loops branch-free.
    private static long ApplyFilter(byte filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> above, int channels,
        Span<byte> residuals)
    {
        int n = row.Length, lead = Math.Min(channels, n);
        switch (filter)
        {
            case 0:
                row.CopyTo(residuals);
                break;
            case 1:
                row[..lead].CopyTo(residuals);
                for (int i = lead; i < n; i++) residuals[i] = (byte)(row[i] - row[i - channels]);
                break;
            case 2:
                for (int i = 0; i < n; i++) residuals[i] = (byte)(row[i] - above[i]);
                break;
            case 3:
                for (int i = 0; i < lead; i++) residuals[i] = (byte)(row[i] - (above[i] >> 1));
                for (int i = lead; i < n; i++) residuals[i] = (byte)(row[i] - ((row[i - channels] + above[i]) >> 1));
                break;
            default:
                // With no left neighbour Paeth(0, b, 0) = b.
                for (int i = 0; i < lead; i++) residuals[i] = (byte)(row[i] - above[i]);
                for (int i = lead; i < n; i++) residuals[i] = (byte)(row[i] - Paeth(row[i - channels], above[i], above[i - channels]));
                break;
        }
        long score = 0;
        foreach (byte r in residuals[..n]) score += r < 128 ? r : 256 - r;
        return score;
    }

    // The Paeth predictor: whichever of left, above, above-left is closest to left + above − above-left, ties in
    // that order (the specification's exact tie-break, which decoders rely on).
    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
