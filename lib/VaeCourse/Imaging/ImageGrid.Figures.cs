using MiniTorch;

namespace VaeCourse.Imaging;

// The course's standard image figures. They take decoded data, not models, so they work with any model that
// outputs intensities in [0,1].
public static partial class ImageGrid
{
    /// <summary>Samples from the prior, e.g. a (64,784) batch as an 8×8 grid.</summary>
    public static PngImage Samples(Tensor samples, int nrow = 8, int scale = 2) =>
        Make(samples, nrow: nrow, scale: scale);

    /// <summary>
    /// The first <paramref name="count"/> originals in the top row over their reconstructions in the bottom row
    /// (PyTorch's VAE example: <c>save_image(cat([data[:n], recon[:n]]), nrow=n)</c>).
    /// </summary>
    public static PngImage Reconstructions(Tensor originals, Tensor reconstructions, int count = 8, int scale = 2)
    {
        const string op = "ImageGrid.Reconstructions";
        Batch top = Batch.From(originals, null, null, op);
        Batch bottom = Batch.From(reconstructions, top.Height, top.Width, op);
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"{op}: count must be at least 1");
        if (top.ImageSize != bottom.ImageSize)
            throw new ArgumentException($"{op}: originals of {top.ImageSize} values and reconstructions of {bottom.ImageSize} values differ in size");
        if (top.Count < count || bottom.Count < count)
            throw new ArgumentException($"{op}: need {count} originals and reconstructions, got {top.Count} and {bottom.Count}");

        int rowValues = count * top.ImageSize;
        var both = new float[2 * rowValues];
        top.Values.AsSpan(0, rowValues).CopyTo(both);
        bottom.Values.AsSpan(0, rowValues).CopyTo(both.AsSpan(rowValues));
        return Make(both, 2 * count, top.Height, top.Width, top.Channels, nrow: count, scale: scale);
    }

    /// <summary>
    /// Latent-space walks: <paramref name="frames"/> holds one walk of <paramref name="steps"/> decoded images
    /// after another, drawn one walk per row.
    /// </summary>
    public static PngImage Interpolation(Tensor frames, int steps, int scale = 2)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (steps < 1 || frames.ndim < 1 || frames.size(0) % steps != 0)
            throw new ArgumentException(
                $"ImageGrid.Interpolation: {(frames.ndim < 1 ? 0 : frames.size(0))} frames do not split into walks of {steps} steps");
        return Make(frames, nrow: steps, scale: scale);
    }

    /// <summary>
    /// The decoded manifold of a 2-D latent space: <paramref name="decoded"/> holds n·n images, row-major over
    /// the latent grid. No padding by default, so the manifold reads as one continuous map.
    /// </summary>
    public static PngImage Manifold(Tensor decoded, int n, int scale = 1, int padding = 0)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        if (n < 1 || decoded.ndim < 1 || decoded.size(0) != (long)n * n)
            throw new ArgumentException(
                $"ImageGrid.Manifold: expected {(long)n * n} decoded images for a {n}×{n} manifold, got {(decoded.ndim < 1 ? 0 : decoded.size(0))}");
        return Make(decoded, nrow: n, padding: padding, scale: scale);
    }
}
