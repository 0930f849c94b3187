using MiniTorch;
using VaeCourse.Data;
using VaeCourse.Tests.TestSupport;
using static VaeCourse.Tests.Data.IdxTestFiles;

namespace VaeCourse.Tests.Data;

public class IdxFileTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_images_as_N_by_pixels_scaled_by_255(bool gzip)
    {
        using var folder = new TempFolder();
        var raw = Images(5, 4, 3, Pattern);
        string path = folder.File(gzip ? "images.gz" : "images");
        File.WriteAllBytes(path, gzip ? Gzip(raw) : raw);

        var images = IdxFile.ReadImages(path);

        Assert.Equal(new long[] { 5, 12 }, images.shape);
        Assert.Equal(ScalarType.Float32, images.dtype);
        var values = images.data<float>();
        for (int i = 0; i < 5; i++)
            for (int r = 0; r < 4; r++)
                for (int c = 0; c < 3; c++)
                    Assert.Equal(Pattern(i, r, c) / 255f, values[i * 12 + r * 3 + c]);
    }

    [Fact]
    public void Gzip_is_recognised_by_content_not_by_name()
    {
        using var folder = new TempFolder();
        string gzippedWithoutSuffix = folder.File("labels-idx1-ubyte");
        File.WriteAllBytes(gzippedWithoutSuffix, Gzip(Labels(new byte[] { 3, 1, 4 })));
        string rawWithSuffix = folder.File("labels-idx1-ubyte.gz");
        File.WriteAllBytes(rawWithSuffix, Labels(new byte[] { 1, 5, 9 }));

        Assert.Equal(new byte[] { 3, 1, 4 }, IdxFile.ReadLabels(gzippedWithoutSuffix));
        Assert.Equal(new byte[] { 1, 5, 9 }, IdxFile.ReadLabels(rawWithSuffix));
    }

    [Fact]
    public void Label_magic_in_an_image_file_names_the_file_and_both_numbers()
    {
        using var folder = new TempFolder();
        string path = folder.File("train-images-idx3-ubyte.gz");
        File.WriteAllBytes(path, Gzip(Images(2, 2, 2, Pattern, magic: 2049)));

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.StartsWith(path + ": magic number 2049, expected 2051 (images)", error.Message);
    }

    [Fact]
    public void Image_magic_in_a_label_file_is_rejected()
    {
        using var folder = new TempFolder();
        string path = folder.File("labels");
        File.WriteAllBytes(path, Images(2, 2, 2, Pattern));

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path));

        Assert.StartsWith(path + ": magic number 2051, expected 2049 (labels)", error.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Truncated_images_report_what_the_header_promised_and_what_the_file_has(bool gzip)
    {
        using var folder = new TempFolder();
        var whole = Images(10, 28, 28, Pattern);
        var cut = whole.AsSpan(0, 1000).ToArray();
        string path = folder.File("train-images-idx3-ubyte" + (gzip ? ".gz" : ""));
        File.WriteAllBytes(path, gzip ? Gzip(cut) : cut);

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.Equal($"{path}: truncated: header says 10 images of 28×28 (7856 bytes), file has 1000 bytes", error.Message);
    }

    [Fact]
    public void A_gzip_stream_cut_short_is_an_error_naming_the_file()
    {
        using var folder = new TempFolder();
        var gz = Gzip(Images(50, 28, 28, Pattern));
        string path = folder.File("cut.gz");
        File.WriteAllBytes(path, gz.AsSpan(0, gz.Length / 2).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.StartsWith(path + ": ", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_file_shorter_than_the_header_is_truncated()
    {
        using var folder = new TempFolder();
        string path = folder.File("short");
        File.WriteAllBytes(path, Images(1, 2, 2, Pattern).AsSpan(0, 10).ToArray());

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.Equal($"{path}: truncated: the file has 10 bytes, shorter than the 16-byte header of IDX images", error.Message);
    }

    [Fact]
    public void Bytes_after_the_announced_items_are_an_error()
    {
        using var folder = new TempFolder();
        string path = folder.File("long.gz");
        File.WriteAllBytes(path, Gzip(Labels(new byte[] { 1, 2, 3 }).Append((byte)7).ToArray()));

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadLabels(path));

        Assert.Equal($"{path}: header says 3 labels (11 bytes), but the file has more bytes after them", error.Message);
    }

    [Fact]
    public void A_corrupt_header_cannot_make_the_reader_allocate_gigabytes()
    {
        using var folder = new TempFolder();
        var bytes = Images(1, 2, 2, Pattern);
        bytes[4] = 0x7F; // count ≈ 2.1 billion
        string path = folder.File("huge.gz");
        File.WriteAllBytes(path, Gzip(bytes));

        var error = Assert.Throws<InvalidDataException>(() => IdxFile.ReadImages(path));

        Assert.Contains("the file cannot hold that many", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-idx-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<FileNotFoundException>(() => IdxFile.ReadLabels(path));
        Assert.Equal(path + ": no such file", error.Message);
    }
}
