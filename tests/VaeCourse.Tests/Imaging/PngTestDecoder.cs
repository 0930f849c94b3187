using System.IO.Compression;
using System.Text;

namespace VaeCourse.Tests.Imaging;

/// <summary>What the independent decoder found in a PNG file.</summary>
internal sealed record DecodedPng(int Width, int Height, int ColorType, int Channels, byte[] Pixels, byte[] RowFilters, string[] ChunkTypes)
{
    public byte Gray(int x, int y) => Pixels[(y * Width + x) * Channels];

    public (byte R, byte G, byte B) Rgb(int x, int y)
    {
        int i = (y * Width + x) * Channels;
        return Channels >= 3 ? (Pixels[i], Pixels[i + 1], Pixels[i + 2]) : (Pixels[i], Pixels[i], Pixels[i]);
    }
}

/// <summary>
/// A PNG decoder written for the tests from the specification, sharing no code with the library: its own
/// bit-by-bit CRC, its own chunk parser and unfilter. Reads 8-bit grayscale, RGB and RGBA, non-interlaced.
/// </summary>
internal static class PngTestDecoder
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public static uint BitwiseCrc32(byte[] bytes, int offset, int count)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = offset; i < offset + count; i++)
        {
            crc ^= bytes[i];
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return crc ^ 0xFFFFFFFF;
    }

    public static DecodedPng Decode(byte[] file)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature))
            throw new InvalidDataException("bad PNG signature");
        int position = 8, width = 0, height = 0, colorType = -1;
        var idat = new MemoryStream();
        var types = new List<string>();
        while (position < file.Length)
        {
            int length = BigEndian(file, position);
            string type = Encoding.ASCII.GetString(file, position + 4, 4);
            uint storedCrc = (uint)BigEndian(file, position + 8 + length);
            uint computed = BitwiseCrc32(file, position + 4, 4 + length);
            if (storedCrc != computed)
                throw new InvalidDataException($"chunk {type}: CRC {storedCrc:X8} stored, {computed:X8} computed");
            types.Add(type);
            int data = position + 8;
            switch (type)
            {
                case "IHDR":
                    if (types.Count != 1 || length != 13) throw new InvalidDataException("IHDR must come first with 13 bytes");
                    width = BigEndian(file, data);
                    height = BigEndian(file, data + 4);
                    if (file[data + 8] != 8) throw new InvalidDataException($"bit depth {file[data + 8]}, expected 8");
                    colorType = file[data + 9];
                    if (file[data + 10] != 0 || file[data + 11] != 0 || file[data + 12] != 0)
                        throw new InvalidDataException("compression, filter and interlace methods must be 0");
                    break;
                case "IDAT":
                    idat.Write(file, data, length);
                    break;
            }
            position = data + length + 4;
            if (type == "IEND") break;
        }
        if (types.Count == 0 || types[^1] != "IEND" || position != file.Length)
            throw new InvalidDataException("the file must end with IEND");

        int channels = colorType switch { 0 => 1, 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {colorType}") };
        byte[] filtered = Inflate(idat.ToArray());
        int stride = width * channels;
        if (filtered.Length != (stride + 1) * height)
            throw new InvalidDataException($"inflated {filtered.Length} bytes, expected {(stride + 1) * height}");

        var pixels = new byte[stride * height];
        var filters = new byte[height];
        for (int y = 0; y < height; y++)
        {
            byte filter = filtered[y * (stride + 1)];
            filters[y] = filter;
            for (int i = 0; i < stride; i++)
            {
                int raw = filtered[y * (stride + 1) + 1 + i];
                int left = i >= channels ? pixels[y * stride + i - channels] : 0;
                int up = y > 0 ? pixels[(y - 1) * stride + i] : 0;
                int upLeft = i >= channels && y > 0 ? pixels[(y - 1) * stride + i - channels] : 0;
                int predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => PaethFromSpec(left, up, upLeft),
                    _ => throw new InvalidDataException($"row {y}: filter type {filter}"),
                };
                pixels[y * stride + i] = (byte)((raw + predictor) & 0xFF);
            }
        }
        return new DecodedPng(width, height, colorType, channels, pixels, filters, types.ToArray());
    }

    private static int PaethFromSpec(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static int BigEndian(byte[] b, int i) => (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
}
