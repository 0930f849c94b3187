using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;

namespace VaeCourse.Tests.Data;

/// <summary>Builds small IDX files for the tests, writing the big-endian header by hand (independently of the reader).</summary>
internal static class IdxTestFiles
{
    /// <summary>An image file: magic 2051, count, rows, columns, then pixel(i, r, c) for each pixel.</summary>
    public static byte[] Images(int count, int rows, int columns, Func<int, int, int, byte> pixel, int magic = 2051)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        int k = 16;
        for (int i = 0; i < count; i++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    bytes[k++] = pixel(i, r, c);
        return bytes;
    }

    /// <summary>A label file: magic 2049, count, then the labels.</summary>
    public static byte[] Labels(byte[] labels, int magic = 2049)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    /// <summary>A pixel pattern that differs between images, rows and columns and covers all 256 byte values.</summary>
    public static byte Pattern(int image, int row, int column) => (byte)(image * 37 + row * 11 + column * 3);

    public static byte[] Gzip(byte[] data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level)) gzip.Write(data);
        return output.ToArray();
    }

    public static string Sha256(byte[] data) => Convert.ToHexString(SHA256.HashData(data)).ToLowerInvariant();
}
