using System.Buffers.Binary;
using VaeCourse.Imaging;

namespace VaeCourse.Tests.Imaging;

public class PngTests
{
    // A picture that makes the filter heuristic use several filter types: a smooth gradient (Sub/Up/Paeth win),
    // a block of noise (None wins) and flat regions.
    private static byte[] TestPattern(int width, int height, int channels, int seed = 1)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * channels];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    int i = (y * width + x) * channels + c;
                    pixels[i] = y < height / 3 ? (byte)(x * 7 + c * 40)
                        : y < 2 * height / 3 ? (byte)random.Next(256)
                        : (byte)((x + y) * 3 + c);
                }
        return pixels;
    }

    [Theory]
    [InlineData(PngColorType.Grayscale, 1, 1)]
    [InlineData(PngColorType.Grayscale, 37, 23)]
    [InlineData(PngColorType.Rgb, 1, 5)]
    [InlineData(PngColorType.Rgb, 31, 30)]
    public void Independent_decoder_reads_back_every_pixel(PngColorType colorType, int width, int height)
    {
        int channels = colorType == PngColorType.Rgb ? 3 : 1;
        byte[] pixels = TestPattern(width, height, channels);

        DecodedPng decoded = PngTestDecoder.Decode(Png.Encode(pixels, width, height, colorType));

        Assert.Equal((width, height, (int)colorType), (decoded.Width, decoded.Height, decoded.ColorType));
        Assert.Equal(["IHDR", "IDAT", "IEND"], decoded.ChunkTypes);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Rows_use_several_filter_types_so_the_decoder_checks_them_all()
    {
        byte[] pixels = TestPattern(60, 60, 1);
        DecodedPng decoded = PngTestDecoder.Decode(Png.Encode(pixels, 60, 60, PngColorType.Grayscale));
        Assert.All(decoded.RowFilters, f => Assert.InRange(f, (byte)0, (byte)4));
        Assert.True(decoded.RowFilters.Distinct().Count() >= 3,
            $"filters used: {string.Join(",", decoded.RowFilters.Distinct())}");
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void Header_fields_are_as_the_specification_lays_them_out()
    {
        byte[] file = Png.Encode(new byte[6 * 3 * 4], 6, 4, PngColorType.Rgb);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, file[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(8)));
        Assert.Equal("IHDR"u8.ToArray(), file[12..16]);
        Assert.Equal(6, BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)));
        Assert.Equal(4, BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20)));
        Assert.Equal(new byte[] { 8, 2, 0, 0, 0 }, file[24..29]);
        // The last chunk is IEND with no data and its fixed CRC AE 42 60 82.
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 }, file[^12..]);
    }

    [Fact]
    public void A_planted_wrong_crc_is_caught_by_the_decoder()
    {
        byte[] file = Png.Encode(TestPattern(8, 8, 1), 8, 8, PngColorType.Grayscale);
        byte[] corrupted = (byte[])file.Clone();
        corrupted[29] ^= 0x01; // the first byte of IHDR's CRC (8 signature + 8 + 13 data)
        var error = Assert.Throws<InvalidDataException>(() => PngTestDecoder.Decode(corrupted));
        Assert.Contains("IHDR", error.Message);
    }

    [Fact]
    public void A_planted_wrong_pixel_is_caught_by_the_pixel_comparison()
    {
        byte[] pixels = TestPattern(9, 7, 1);
        byte[] planted = (byte[])pixels.Clone();
        planted[4 * 9 + 5] ^= 0x10;
        DecodedPng decoded = PngTestDecoder.Decode(Png.Encode(planted, 9, 7, PngColorType.Grayscale));
        Assert.NotEqual(pixels, decoded.Pixels);
        int firstDifference = Enumerable.Range(0, pixels.Length).First(i => pixels[i] != decoded.Pixels[i]);
        Assert.Equal(4 * 9 + 5, firstDifference);
    }

    [ExternalToolFact("python3", "-c", "import zlib, struct")]
    public void Python_standard_library_decoder_reads_the_file()
    {
        byte[] gray = TestPattern(23, 17, 1, seed: 3);
        byte[] rgb = TestPattern(11, 9, 3, seed: 4);
        string folder = Directory.CreateTempSubdirectory("png-python").FullName;
        try
        {
            foreach (var (pixels, width, height, type) in new[] { (gray, 23, 17, PngColorType.Grayscale), (rgb, 11, 9, PngColorType.Rgb) })
            {
                string path = Path.Combine(folder, $"{type}.png");
                File.WriteAllBytes(path, Png.Encode(pixels, width, height, type));
                var (exit, output, error) = ExternalTool.Run("python3", ExternalTool.ScriptBeside("png_decode.py"), path);
                Assert.True(exit == 0, error);
                string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal($"{width} {height} {(int)type}", lines[0].Trim());
                Assert.Equal(Convert.ToHexString(pixels).ToLowerInvariant(), lines[1].Trim());
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Rejects_inconsistent_sizes_naming_what_it_expected()
    {
        var error = Assert.Throws<ArgumentException>(() => Png.Encode(new byte[10], 4, 3, PngColorType.Grayscale));
        Assert.Contains("needs 12 bytes, got 10", error.Message);
        Assert.Throws<ArgumentException>(() => Png.Encode([], 0, 3, PngColorType.Grayscale));
    }
}
