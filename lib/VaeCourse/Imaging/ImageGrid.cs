using MiniTorch;

namespace VaeCourse.Imaging;

/// <summary>
/// Tiles a batch of images into one picture, as torchvision's <c>make_grid</c> followed by <c>save_image</c>:
/// <c>nrow</c> images per row, <c>padding</c> pixels of <c>pad_value</c> around and between them, intensities in
/// [0,1] converted to bytes by <see cref="PngImage.ToByte"/>. An optional nearest-neighbour <c>scale</c> makes
/// 28×28 digits readable on screen.
/// </summary>
public static partial class ImageGrid
{
    /// <summary>
    /// The grid of a batch held in a tensor: (N,H·W) with <paramref name="height"/>/<paramref name="width"/> given
    /// (or a square side inferred), (N,H,W), or (N,C,H,W) with C = 1 (grayscale) or 3 (RGB).
    /// </summary>
    public static PngImage Make(Tensor images, int nrow = 8, int padding = 2, float padValue = 0f, int scale = 1,
        int? height = null, int? width = null)
    {
        Batch batch = Batch.From(images, height, width, "ImageGrid.Make");
        return Make(batch.Values, batch.Count, batch.Height, batch.Width, batch.Channels, nrow, padding, padValue, scale);
    }

    /// <summary>
    /// The grid of <paramref name="count"/> images stored one after another in <paramref name="images"/>, each
    /// channels × height × width values (channel-major, as a (N,C,H,W) tensor).
    /// </summary>
    public static PngImage Make(ReadOnlySpan<float> images, int count, int height, int width, int channels = 1,
        int nrow = 8, int padding = 2, float padValue = 0f, int scale = 1)
    {
        if (count < 1 || height < 1 || width < 1)
            throw new ArgumentException($"ImageGrid.Make: need at least one image of at least 1×1 pixels, got {count} of {height}×{width}");
        if (channels is not (1 or 3))
            throw new ArgumentException($"ImageGrid.Make: images must have 1 or 3 channels, got {channels}");
        if ((long)count * channels * height * width != images.Length)
            throw new ArgumentException(
                $"ImageGrid.Make: {count} images of {channels}×{height}×{width} need {(long)count * channels * height * width} values, got {images.Length}");
        if (nrow < 1) throw new ArgumentOutOfRangeException(nameof(nrow), nrow, "ImageGrid.Make: nrow must be at least 1");
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(padding), padding, "ImageGrid.Make: padding must be non-negative");
        if (scale < 1) throw new ArgumentOutOfRangeException(nameof(scale), scale, "ImageGrid.Make: scale must be at least 1");

        GridLayout layout = GridLayout.For(count, height, width, nrow, padding);
        int imageSize = height * width;
        byte padByte = PngImage.ToByte(padValue);
        var pixels = new byte[(long)layout.Width * layout.Height * channels];
        pixels.AsSpan().Fill(padByte);

        // Interleave channels into the PNG's pixel order (RGB RGB ...) while placing each image.
        for (int k = 0; k < count; k++)
        {
            (int left, int top) = layout.Origin(k);
            ReadOnlySpan<float> image = images.Slice(k * channels * imageSize, channels * imageSize);
            for (int y = 0; y < height; y++)
            {
                int rowStart = ((top + y) * layout.Width + left) * channels;
                for (int x = 0; x < width; x++)
                    for (int c = 0; c < channels; c++)
                        pixels[rowStart + x * channels + c] = PngImage.ToByte(image[c * imageSize + y * width + x]);
            }
        }

        var grid = new PngImage(pixels, layout.Width, layout.Height, channels == 3 ? PngColorType.Rgb : PngColorType.Grayscale);
        return grid.Upscale(scale);
    }

    /// <summary>
    /// Where each image goes. torchvision: xmaps = min(nrow, N) columns, ymaps = ⌈N / xmaps⌉ rows, width =
    /// xmaps·(W+padding)+padding, height = ymaps·(H+padding)+padding; image k's top-left corner is at
    /// (x·(W+padding)+padding, y·(H+padding)+padding). A batch of one image is returned unpadded, as there.
    /// </summary>
    internal readonly record struct GridLayout(int Columns, int Rows, int Width, int Height, int CellWidth, int CellHeight, int Padding)
    {
        public static GridLayout For(int count, int height, int width, int nrow, int padding)
        {
            if (count == 1) return new GridLayout(1, 1, width, height, width, height, 0);
            int columns = Math.Min(nrow, count);
            int rows = (count + columns - 1) / columns;
            long gridWidth = (long)columns * (width + padding) + padding;
            long gridHeight = (long)rows * (height + padding) + padding;
            if (gridWidth * gridHeight * 3 > Array.MaxLength)
                throw new ArgumentException($"ImageGrid: a {gridWidth}×{gridHeight} grid is too large");
            return new GridLayout(columns, rows, (int)gridWidth, (int)gridHeight, width + padding, height + padding, padding);
        }

        public (int Left, int Top) Origin(int index) =>
            (index % Columns * CellWidth + Padding, index / Columns * CellHeight + Padding);
    }

    /// <summary>A batch of images read from a tensor without copying.</summary>
    private readonly record struct Batch(float[] Values, int Count, int Channels, int Height, int Width)
    {
        public int ImageSize => Channels * Height * Width;

        public static Batch From(Tensor images, int? height, int? width, string op)
        {
            ArgumentNullException.ThrowIfNull(images);
            if (images.dtype != ScalarType.Float32)
                throw new ArgumentException($"{op}: expected a Float32 tensor of intensities, got {images.dtype}");
            long[] s = images.shape;
            string shape = "(" + string.Join(",", s) + ")";
            float[] data = images.Data;
            switch (s.Length)
            {
                case 2:
                {
                    (int h, int w) = Side(s[1], height, width, shape, op);
                    return new Batch(data, (int)s[0], 1, h, w);
                }
                case 3:
                    CheckGiven(height, width, (int)s[1], (int)s[2], shape, op);
                    return new Batch(data, (int)s[0], 1, (int)s[1], (int)s[2]);
                case 4 when s[1] is 1 or 3:
                    CheckGiven(height, width, (int)s[2], (int)s[3], shape, op);
                    return new Batch(data, (int)s[0], (int)s[1], (int)s[2], (int)s[3]);
                default:
                    throw new ArgumentException($"{op}: expected images shaped (N,H·W), (N,H,W) or (N,C,H,W) with C = 1 or 3, got {shape}");
            }
        }

        private static (int Height, int Width) Side(long size, int? height, int? width, string shape, string op)
        {
            if (height is int h && width is int w)
            {
                if ((long)h * w != size)
                    throw new ArgumentException($"{op}: rows of {size} values cannot be {h}×{w} images (tensor {shape})");
                return (h, w);
            }
            if (height is not null || width is not null)
                throw new ArgumentException($"{op}: give both height and width, or neither for square images");
            int side = (int)Math.Round(Math.Sqrt(size));
            if ((long)side * side != size)
                throw new ArgumentException($"{op}: rows of {size} values are not square images; pass height and width (tensor {shape})");
            return (side, side);
        }

        private static void CheckGiven(int? height, int? width, int h, int w, string shape, string op)
        {
            if ((height is not null && height != h) || (width is not null && width != w))
                throw new ArgumentException($"{op}: height/width {height}×{width} disagree with the tensor's {shape}");
        }
    }
}
