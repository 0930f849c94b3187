using VaeCourse.Imaging;

namespace VaeCourse.Tests.Imaging;

public class PngImageTests
{
    [Theory]
    // torchvision save_image: floor(clamp(x·255 + 0.5, 0, 255)); values worked out by hand.
    [InlineData(0f, 0)]
    [InlineData(1f, 255)]
    [InlineData(0.5f, 128)]        // 127.5 + 0.5 = 128
    [InlineData(0.499f, 127)]      // 127.245 + 0.5 = 127.745
    [InlineData(0.0019f, 0)]       // 0.4845 + 0.5 < 1
    [InlineData(0.0021f, 1)]       // 0.5355 + 0.5 > 1
    [InlineData(-0.3f, 0)]
    [InlineData(1.7f, 255)]
    [InlineData(float.NaN, 0)]
    [InlineData(float.PositiveInfinity, 255)]
    [InlineData(float.NegativeInfinity, 0)]
    public void Intensity_conversion_follows_save_image(float intensity, int expected) =>
        Assert.Equal(expected, PngImage.ToByte(intensity));

    [Fact]
    public void Intensity_conversion_agrees_with_double_rounding_away_from_ties()
    {
        var random = new Random(11);
        for (int i = 0; i < 10_000; i++)
        {
            double x = random.NextDouble() * 1.2 - 0.1;
            double exact = Math.Clamp(x * 255 + 0.5, 0, 255);
            if (Math.Abs(exact - Math.Round(exact)) < 1e-3) continue; // float32 may land either side of a tie
            Assert.Equal((int)Math.Floor(exact), PngImage.ToByte((float)x));
        }
    }

    [Fact]
    public void Upscale_turns_each_pixel_into_a_block()
    {
        var image = new PngImage([10, 20, 30, 40, 50, 60], 3, 2);
        PngImage big = image.Upscale(3);
        Assert.Equal((9, 6), (big.Width, big.Height));
        for (int y = 0; y < 6; y++)
            for (int x = 0; x < 9; x++)
                Assert.Equal(image.Pixels[y / 3 * 3 + x / 3], big.Pixels[y * 9 + x]);
    }

    [Fact]
    public void Upscale_keeps_rgb_triples_together()
    {
        var image = new PngImage([1, 2, 3, 4, 5, 6], 2, 1, PngColorType.Rgb);
        Assert.Equal(new byte[] { 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6 },
            image.Upscale(2).Pixels.ToArray());
    }

    [Fact]
    public void Rich_output_is_the_png_as_base64()
    {
        var image = PngImage.FromIntensities([0f, 0.25f, 0.5f, 1f], 2, 2);
        Assert.Equal("image/png", image.MimeType);
        DecodedPng decoded = PngTestDecoder.Decode(Convert.FromBase64String(image.FormatContent()));
        Assert.Equal(new byte[] { 0, 64, 128, 255 }, decoded.Pixels);
    }

    [Fact]
    public void Save_writes_a_decodable_file_and_replaces_an_old_one()
    {
        string folder = Directory.CreateTempSubdirectory("png-save").FullName;
        try
        {
            string path = Path.Combine(folder, "grid.png");
            File.WriteAllText(path, "old content");
            new PngImage([0, 255, 255, 0], 2, 2).Save(path);
            Assert.Equal(new byte[] { 0, 255, 255, 0 }, PngTestDecoder.Decode(File.ReadAllBytes(path)).Pixels);
            Assert.Equal(["grid.png"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void Save_into_a_missing_folder_names_the_folder()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "x.png");
        var error = Assert.Throws<DirectoryNotFoundException>(() => new PngImage([0], 1, 1).Save(path));
        Assert.Contains("PngImage.Save", error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Constructor_checks_the_pixel_count()
    {
        var error = Assert.Throws<ArgumentException>(() => new PngImage(new byte[5], 2, 2, PngColorType.Rgb));
        Assert.Contains("needs 12 bytes, got 5", error.Message);
    }
}
