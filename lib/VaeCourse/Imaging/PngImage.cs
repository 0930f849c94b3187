using VaeCourse.Checkpoints;
using VaeCourse.Display;

namespace VaeCourse.Imaging;

/// <summary>
/// An 8-bit image (grayscale or RGB) that saves itself as PNG and shows itself inline in a notebook.
/// </summary>
[TypeFormatterSource(typeof(RichOutputFormatterSource), PreferredMimeTypes = new[] { RichOutputFormatterSource.Png })]
public sealed class PngImage : IRichOutput
{
    private readonly byte[] _pixels;
    private byte[]? _encoded;

    /// <summary>Wraps a copy of row-major <paramref name="pixels"/> (height rows of width × channels bytes).</summary>
    public PngImage(byte[] pixels, int width, int height, PngColorType colorType = PngColorType.Grayscale)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (width < 1 || height < 1)
            throw new ArgumentException($"PngImage: width and height must be at least 1, got {width}×{height}");
        long expected = (long)width * height * Png.Channels(colorType);
        if (pixels.Length != expected)
            throw new ArgumentException(
                $"PngImage: a {width}×{height} {colorType} image needs {expected} bytes, got {pixels.Length}");
        _pixels = (byte[])pixels.Clone();
        Width = width;
        Height = height;
        ColorType = colorType;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Grayscale or RGB.</summary>
    public PngColorType ColorType { get; }

    /// <summary>The pixel bytes, row-major, without a copy.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    /// <summary>
    /// A grayscale image from intensities in [0,1], converted exactly as torchvision's <c>save_image</c> does:
    /// <c>x·255 + 0.5</c> clamped to [0,255] and truncated to a byte (NaN becomes 0).
    /// </summary>
    public static PngImage FromIntensities(ReadOnlySpan<float> values, int width, int height)
    {
        if (width < 1 || height < 1 || values.Length != (long)width * height)
            throw new ArgumentException(
                $"PngImage.FromIntensities: {values.Length} values cannot fill a {width}×{height} image");
        var pixels = new byte[values.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = ToByte(values[i]);
        return new PngImage(pixels, width, height);
    }

    /// <summary>torchvision's <c>mul(255).add_(0.5).clamp_(0, 255).to(torch.uint8)</c> in float32, for one value.</summary>
    public static byte ToByte(float intensity)
    {
        float scaled = intensity * 255f + 0.5f;
        if (!(scaled > 0f)) return 0;          // also catches NaN
        if (scaled >= 255f) return 255;
        return (byte)scaled;                   // truncation toward zero, as the uint8 cast
    }

    /// <summary>This image enlarged by an integer <paramref name="factor"/> (nearest neighbour: crisp pixels).</summary>
    public PngImage Upscale(int factor)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "PngImage.Upscale: factor must be at least 1");
        if (factor == 1) return this;
        int channels = Png.Channels(ColorType);
        long outWidth = (long)Width * factor, outHeight = (long)Height * factor;
        if (outWidth * outHeight * channels > Array.MaxLength)
            throw new ArgumentException($"PngImage.Upscale: {Width}×{Height} × {factor} is too large");
        var output = new byte[outWidth * outHeight * channels];
        int outRow = (int)outWidth * channels;
        for (int y = 0; y < Height; y++)
        {
            Span<byte> first = output.AsSpan(y * factor * outRow, outRow);
            for (int x = 0; x < Width; x++)
            {
                ReadOnlySpan<byte> pixel = _pixels.AsSpan((y * Width + x) * channels, channels);
                for (int r = 0; r < factor; r++) pixel.CopyTo(first[((x * factor + r) * channels)..]);
            }
            for (int r = 1; r < factor; r++) first.CopyTo(output.AsSpan((y * factor + r) * outRow, outRow));
        }
        return new PngImage(output, (int)outWidth, (int)outHeight, ColorType);
    }

    /// <summary>The PNG file's bytes (encoded once, then cached).</summary>
    public byte[] ToPngBytes()
    {
        _encoded ??= Png.Encode(_pixels, Width, Height, ColorType);
        return (byte[])_encoded.Clone();
    }

    /// <summary>Writes the PNG to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, "PngImage.Save", ToPngBytes());

    /// <inheritdoc />
    public string MimeType => "image/png";

    /// <summary>The PNG bytes as base64, the value notebook front ends expect for image/png.</summary>
    public string FormatContent() => Convert.ToBase64String(ToPngBytes());

    /// <inheritdoc />
    public override string ToString() => $"PngImage {Width}×{Height} {ColorType}";
}
