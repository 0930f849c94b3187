using MiniTorch;
using VaeCourse.Imaging;

namespace VaeCourse.Tests.Imaging;

public class ImageGridTests
{
    // torchvision.utils.make_grid written out loop by loop (grid.narrow(1, y*height+padding, height-padding)
    // .narrow(2, x*width+padding, width-padding).copy_(tensor[k])), followed by save_image's byte conversion.
    private static (byte[] Pixels, int Width, int Height) TorchvisionGrid(float[] images, int n, int c, int h, int w,
        int nrow, int padding, float padValue)
    {
        static byte ToByte(float v) => (byte)Math.Clamp(MathF.Floor(v * 255f + 0.5f), 0f, 255f);
        if (n == 1) return (images.Select(ToByte).ToArray(), w, h);
        int xmaps = Math.Min(nrow, n);
        int ymaps = (int)Math.Ceiling((double)n / xmaps);
        int height = h + padding, width = w + padding;
        int gridH = height * ymaps + padding, gridW = width * xmaps + padding;
        var grid = new float[c, gridH, gridW];
        for (int ch = 0; ch < c; ch++) for (int i = 0; i < gridH; i++) for (int j = 0; j < gridW; j++) grid[ch, i, j] = padValue;
        int k = 0;
        for (int y = 0; y < ymaps; y++)
            for (int x = 0; x < xmaps; x++)
            {
                if (k >= n) break;
                for (int ch = 0; ch < c; ch++)
                    for (int i = 0; i < height - padding; i++)
                        for (int j = 0; j < width - padding; j++)
                            grid[ch, y * height + padding + i, x * width + padding + j] = images[((k * c + ch) * h + i) * w + j];
                k++;
            }
        // PNG order: channels interleaved per pixel.
        var pixels = new byte[gridH * gridW * c];
        for (int i = 0; i < gridH; i++) for (int j = 0; j < gridW; j++) for (int ch = 0; ch < c; ch++)
            pixels[(i * gridW + j) * c + ch] = ToByte(grid[ch, i, j]);
        return (pixels, gridW, gridH);
    }

    private static float[] RandomImages(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 1.2 - 0.1)).ToArray();
    }

    [Theory]
    [InlineData(64, 8, 2, 28, 28)]
    [InlineData(10, 8, 2, 28, 28)]  // a ragged last row
    [InlineData(3, 8, 2, 5, 7)]     // fewer images than nrow: one row of three
    [InlineData(16, 4, 0, 6, 6)]    // no padding
    [InlineData(7, 3, 5, 4, 9)]     // wide padding, non-square images
    [InlineData(1, 8, 2, 28, 28)]   // one image: torchvision returns it unpadded
    public void Geometry_and_pixels_match_torchvision_make_grid(int n, int nrow, int padding, int h, int w)
    {
        float[] images = RandomImages(n * h * w, seed: n + nrow);
        var tensor = torch.tensor(images, [n, 1, h, w]);

        PngImage grid = ImageGrid.Make(tensor, nrow: nrow, padding: padding);
        var (expected, width, height) = TorchvisionGrid(images, n, 1, h, w, nrow, padding, 0f);

        int columns = Math.Min(nrow, n), rows = (n + columns - 1) / columns;
        if (n > 1)
        {
            Assert.Equal(columns * (w + padding) + padding, grid.Width);
            Assert.Equal(rows * (h + padding) + padding, grid.Height);
        }
        Assert.Equal((width, height), (grid.Width, grid.Height));
        Assert.Equal(expected, PngTestDecoder.Decode(grid.ToPngBytes()).Pixels);
    }

    [Fact]
    public void Rgb_batches_and_pad_value_match_torchvision()
    {
        float[] images = RandomImages(5 * 3 * 4 * 6, seed: 2);
        PngImage grid = ImageGrid.Make(torch.tensor(images, [5, 3, 4, 6]), nrow: 2, padding: 3, padValue: 1f);
        var (expected, width, height) = TorchvisionGrid(images, 5, 3, 4, 6, 2, 3, 1f);
        Assert.Equal(PngColorType.Rgb, grid.ColorType);
        Assert.Equal((width, height), (grid.Width, grid.Height));
        Assert.Equal(expected, grid.Pixels.ToArray());
    }

    [Fact]
    public void Flat_rows_three_d_batches_and_raw_arrays_give_the_same_grid()
    {
        float[] images = RandomImages(12 * 784, seed: 5);
        byte[] fromFlat = ImageGrid.Make(torch.tensor(images, [12, 784])).Pixels.ToArray();
        Assert.Equal(fromFlat, ImageGrid.Make(torch.tensor(images, [12, 28, 28])).Pixels.ToArray());
        Assert.Equal(fromFlat, ImageGrid.Make(torch.tensor(images, [12, 1, 28, 28])).Pixels.ToArray());
        Assert.Equal(fromFlat, ImageGrid.Make(images, 12, 28, 28).Pixels.ToArray());
        Assert.Equal(fromFlat, ImageGrid.Make(torch.tensor(images, [12, 784]), height: 28, width: 28).Pixels.ToArray());
    }

    [Fact]
    public void Scale_enlarges_the_whole_grid_including_padding()
    {
        float[] images = RandomImages(4 * 9, seed: 8);
        PngImage small = ImageGrid.Make(images, 4, 3, 3, nrow: 2);
        PngImage big = ImageGrid.Make(images, 4, 3, 3, nrow: 2, scale: 3);
        Assert.Equal((small.Width * 3, small.Height * 3), (big.Width, big.Height));
        for (int y = 0; y < big.Height; y++)
            for (int x = 0; x < big.Width; x++)
                Assert.Equal(small.Pixels[y / 3 * small.Width + x / 3], big.Pixels[y * big.Width + x]);
    }

    [Fact]
    public void Sample_grid_of_64_digits_is_8_by_8()
    {
        PngImage grid = ImageGrid.Samples(torch.rand(64, 784), scale: 1);
        Assert.Equal((8 * 30 + 2, 8 * 30 + 2), (grid.Width, grid.Height));
    }

    [Fact]
    public void Reconstructions_put_originals_over_their_reconstructions()
    {
        // Originals are constant images of value i/20, reconstructions of value 1 - i/20, for image i.
        int n = 10;
        float[] originals = Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat(i / 20f, 16)).ToArray();
        float[] recon = Enumerable.Range(0, n).SelectMany(i => Enumerable.Repeat(1 - i / 20f, 16)).ToArray();

        PngImage grid = ImageGrid.Reconstructions(torch.tensor(originals, [n, 16]), torch.tensor(recon, [n, 1, 4, 4]), count: 8, scale: 1);

        Assert.Equal((8 * 6 + 2, 2 * 6 + 2), (grid.Width, grid.Height));
        for (int i = 0; i < 8; i++)
        {
            int left = 2 + i * 6;
            Assert.Equal(PngImage.ToByte(i / 20f), grid.Pixels[(2 + 1) * grid.Width + left + 1]);      // top row
            Assert.Equal(PngImage.ToByte(1 - i / 20f), grid.Pixels[(8 + 1) * grid.Width + left + 1]);  // bottom row
        }
    }

    [Fact]
    public void Interpolation_draws_one_walk_per_row_and_manifold_is_unpadded()
    {
        // Image k is the constant k/24: in the picture, walk r step s must show (r*steps+s)/24.
        float[] frames = Enumerable.Range(0, 24).SelectMany(k => Enumerable.Repeat(k / 24f, 4)).ToArray();
        PngImage walks = ImageGrid.Interpolation(torch.tensor(frames, [24, 4]), steps: 8, scale: 1);
        Assert.Equal((8 * 4 + 2, 3 * 4 + 2), (walks.Width, walks.Height));
        Assert.Equal(PngImage.ToByte(13 / 24f), walks.Pixels[(2 + 4 * 1) * walks.Width + 2 + 4 * 5]);

        PngImage manifold = ImageGrid.Manifold(torch.tensor(frames[..(16 * 4)], [16, 4]), n: 4);
        Assert.Equal((8, 8), (manifold.Width, manifold.Height));
        Assert.Equal(PngImage.ToByte(6 / 24f), manifold.Pixels[2 * 8 + 4]); // row 1, column 2 → image 6
    }

    [Fact]
    public void Errors_name_the_operation_and_the_shapes()
    {
        var notSquare = Assert.Throws<ArgumentException>(() => ImageGrid.Make(torch.rand(4, 10)));
        Assert.Contains("ImageGrid.Make", notSquare.Message);
        Assert.Contains("(4,10)", notSquare.Message);

        var manifold = Assert.Throws<ArgumentException>(() => ImageGrid.Manifold(torch.rand(15, 4), 4));
        Assert.Contains("expected 16 decoded images", manifold.Message);

        var recon = Assert.Throws<ArgumentException>(() => ImageGrid.Reconstructions(torch.rand(4, 16), torch.rand(4, 16)));
        Assert.Contains("need 8 originals and reconstructions, got 4 and 4", recon.Message);

        Assert.Throws<ArgumentException>(() => ImageGrid.Make(torch.rand(4, 2, 3, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.Make(torch.rand(4, 9), nrow: 0));
    }
}
