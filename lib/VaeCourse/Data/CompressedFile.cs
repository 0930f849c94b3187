using System.IO.Compression;
using System.Security.Cryptography;

namespace VaeCourse.Data;

/// <summary>Opens a file that may or may not be gzipped, deciding by its content (the gzip magic 1F 8B), not its name.</summary>
internal static class CompressedFile
{
    // Deflate cannot expand data by more than about 1032:1, which bounds what a .gz of a given size can hold.
    private const long MaxDeflateRatio = 1032;

    /// <summary>
    /// A readable stream of the decompressed bytes and an upper bound on how many there can be: exactly the file's
    /// length for a raw file (<paramref name="gzip"/> false), a bound from the deflate ratio for a gzipped one.
    /// </summary>
    public static Stream Open(string path, out long maxLength, out bool gzip)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            gzip = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
            file.Position = 0;
            if (!gzip)
            {
                maxLength = file.Length;
                return file;
            }
            maxLength = file.Length * MaxDeflateRatio + 64;
            return new GZipStream(file, CompressionMode.Decompress, leaveOpen: false);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads until <paramref name="destination"/> is full or the data ends; returns the count read. A corrupt gzip
    /// stream becomes an <see cref="InvalidDataException"/> naming the file.
    /// </summary>
    public static int ReadFully(Stream stream, Span<byte> destination, string path)
    {
        try
        {
            return stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: not a valid gzip file ({e.Message})", e);
        }
    }

    /// <summary>SHA-256 (lower-case hex) of a file's decompressed bytes, streamed in 64 KiB pieces.</summary>
    public static string Sha256OfDecompressed(string path)
    {
        using var stream = Open(path, out _, out _);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int n;
        while ((n = ReadFully(stream, buffer, path)) > 0) hash.AppendData(buffer, 0, n);
        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }

    /// <summary>SHA-256 of <paramref name="bytes"/> as lower-case hex.</summary>
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
