using System.Buffers;

namespace MiniTorch.Kernels;

/// <summary>
/// The three products behind conv2d and conv_transpose2d, as im2col + SGEMM over chunks of samples.
/// <list type="bullet">
/// <item><see cref="ImageToWindows"/>: y = W · im2col(x) — conv2d forward, conv_transpose2d's input gradient.</item>
/// <item><see cref="WindowsToImage"/>: x = col2im(Wᵀ · y) — conv2d's input gradient, conv_transpose2d forward.</item>
/// <item><see cref="WeightGradient"/>: dW = Σₙ yₙ · im2col(xₙ)ᵀ — the weight gradient of both.</item>
/// </list>
/// Shapes: an image batch is (N, C, H, W); a window batch is (N, OC, OH, OW); W is (OC, C·kH·kW).
/// Each chunk puts its samples side by side in one column matrix (C·kH·kW, n·OH·OW) so a single large SGEMM does the
/// work (SGEMM runs in parallel itself); im2col, col2im and the layout changes run in parallel over the samples, each
/// writing only its own sample. Chunk boundaries depend on the geometry and batch size only, never on the thread
/// count, so every result — the weight gradient's sum over chunks included — is bitwise the same for any number
/// of threads (given that SGEMM's results do not depend on it either).
/// </summary>
internal static class ConvGemm
{
    // Largest column matrix per chunk (floats): 8 MiB, big enough for an efficient GEMM, small enough to stay cheap.
    private const int ColumnBudget = 1 << 21;
    // Parallel loops over samples get at least this many floats of work per chunk.
    private const int MinParallelWork = 1 << 14;

    /// <summary>y (N, OC, OH, OW) = W (OC, C·kH·kW) · im2col(image (N, C, H, W)) + bias (OC).</summary>
    public static void ImageToWindows(float[] image, in ConvGeometry g, int batch, float[] weight, int outChannels,
        float[]? bias, float[] windows)
    {
        ConvGeometry geo = g;
        int rows = g.ColumnRows, positions = g.Positions;
        int[] offsets = Im2Col.WindowOffsets(g);
        foreach (var (first, count) in Chunks(g, batch))
        {
            int ld = count * positions;
            float[] cols = ArrayPool<float>.Shared.Rent(rows * ld);
            float[] product = ArrayPool<float>.Shared.Rent(outChannels * ld);
            ForSamples(count, rows * positions, g.PaddedPlane, (i, padded) =>
                Im2Col.Gather(image.AsSpan((first + i) * geo.ImageSize, geo.ImageSize), geo, offsets, padded, cols, ld, i * positions));
            // (OC, C·kH·kW) @ (C·kH·kW, n·OH·OW) -> (OC, n·OH·OW)
            Sgemm.Multiply(false, false, outChannels, ld, rows, weight, 0, rows, cols, 0, ld, product, 0, ld, accumulate: false);
            ForSamples(count, outChannels * positions, 0, (i, _) =>
                ChannelMajorToSample(product, ld, i * positions, outChannels, positions,
                    windows.AsSpan((first + i) * outChannels * positions), bias));
            ArrayPool<float>.Shared.Return(product);
            ArrayPool<float>.Shared.Return(cols);
        }
    }

    /// <summary>image (N, C, H, W) = col2im(Wᵀ (C·kH·kW, OC) · windows (N, OC, OH, OW)) + bias (C).</summary>
    public static void WindowsToImage(float[] windows, in ConvGeometry g, int batch, float[] weight, int outChannels,
        float[]? bias, float[] image)
    {
        ConvGeometry geo = g;
        int rows = g.ColumnRows, positions = g.Positions, plane = g.Height * g.Width;
        int[] offsets = Im2Col.WindowOffsets(g);
        foreach (var (first, count) in Chunks(g, batch))
        {
            int ld = count * positions;
            float[] gathered = ArrayPool<float>.Shared.Rent(outChannels * ld);
            float[] cols = ArrayPool<float>.Shared.Rent(rows * ld);
            ForSamples(count, outChannels * positions, 0, (i, _) =>
                SampleToChannelMajor(windows.AsSpan((first + i) * outChannels * positions), outChannels, positions,
                    gathered, ld, i * positions));
            // (C·kH·kW, OC) @ (OC, n·OH·OW) -> (C·kH·kW, n·OH·OW); W is stored (OC, C·kH·kW), hence transA.
            Sgemm.Multiply(true, false, rows, ld, outChannels, weight, 0, rows, gathered, 0, ld, cols, 0, ld, accumulate: false);
            ForSamples(count, rows * positions, g.PaddedPlane, (i, padded) =>
            {
                Span<float> target = image.AsSpan((first + i) * geo.ImageSize, geo.ImageSize);
                Im2Col.Scatter(cols, ld, i * positions, geo, offsets, padded, target);
                if (bias is not null) AddChannelBias(target, bias, plane);
            });
            ArrayPool<float>.Shared.Return(cols);
            ArrayPool<float>.Shared.Return(gathered);
        }
    }

    /// <summary>dW (OC, C·kH·kW) = Σₙ windows[n] (OC, OH·OW) · im2col(image[n])ᵀ, summed chunk by chunk in order.</summary>
    public static void WeightGradient(float[] image, float[] windows, in ConvGeometry g, int batch, int outChannels,
        float[] weightGrad)
    {
        ConvGeometry geo = g;
        int rows = g.ColumnRows, positions = g.Positions;
        int[] offsets = Im2Col.WindowOffsets(g);
        bool accumulate = false;
        foreach (var (first, count) in Chunks(g, batch))
        {
            int ld = count * positions;
            float[] cols = ArrayPool<float>.Shared.Rent(rows * ld);
            float[] gathered = ArrayPool<float>.Shared.Rent(outChannels * ld);
            ForSamples(count, (rows + outChannels) * positions, g.PaddedPlane, (i, padded) =>
            {
                Im2Col.Gather(image.AsSpan((first + i) * geo.ImageSize, geo.ImageSize), geo, offsets, padded, cols, ld, i * positions);
                SampleToChannelMajor(windows.AsSpan((first + i) * outChannels * positions), outChannels, positions,
                    gathered, ld, i * positions);
            });
            // (OC, n·OH·OW) @ (n·OH·OW, C·kH·kW) -> (OC, C·kH·kW)
            Sgemm.Multiply(false, true, outChannels, rows, ld, gathered, 0, ld, cols, 0, ld, weightGrad, 0, rows, accumulate);
            accumulate = true;
            ArrayPool<float>.Shared.Return(gathered);
            ArrayPool<float>.Shared.Return(cols);
        }
        if (!accumulate) Array.Clear(weightGrad);
    }

    /// <summary>The bias gradient: per channel, the sum over samples and positions of (N, C, plane) values.</summary>
    public static float[] ChannelSums(float[] values, int batch, int channels, int plane)
    {
        var sums = new float[channels];
        Parallelism.For(channels, Math.Max(1, MinParallelWork / Math.Max(1, batch * plane)), (start, end) =>
        {
            for (int c = start; c < end; c++)
            {
                double total = 0;    // samples summed in order in double: exact enough and thread-independent
                for (int n = 0; n < batch; n++)
                    total += Simd.Sum(values.AsSpan((n * channels + c) * plane, plane));
                sums[c] = (float)total;
            }
        });
        return sums;
    }

    /// <summary>
    /// Splits the batch into equal, contiguous chunks whose column matrices fit <see cref="ColumnBudget"/>.
    /// </summary>
    private static IEnumerable<(int first, int count)> Chunks(ConvGeometry g, int batch)
    {
        long perSample = Math.Max(1L, (long)g.ColumnRows * g.Positions);
        int maxSamples = (int)Math.Clamp(ColumnBudget / perSample, 1, Math.Max(1, batch));
        int chunks = (batch + maxSamples - 1) / maxSamples;
        for (int c = 0; c < chunks; c++)
        {
            int first = (int)((long)batch * c / chunks), end = (int)((long)batch * (c + 1) / chunks);
            yield return (first, end - first);
        }
    }

    // body(sample, scratch) for every sample of the chunk, in parallel; each range of samples rents its own scratch.
    private static void ForSamples(int count, int workPerSample, int scratchSize, Action<int, float[]> body) =>
        Parallelism.For(count, Math.Max(1, MinParallelWork / Math.Max(1, workPerSample)), (start, end) =>
        {
            float[] scratch = scratchSize > 0 ? ArrayPool<float>.Shared.Rent(scratchSize) : Array.Empty<float>();
            for (int i = start; i < end; i++) body(i, scratch);
            if (scratchSize > 0) ArrayPool<float>.Shared.Return(scratch);
        });

    // One sample's block of a (channels, ld) matrix -> its (channels, positions) tensor slice, plus a bias per channel.
    private static void ChannelMajorToSample(float[] matrix, int ld, int offset, int channels, int positions,
        Span<float> sample, float[]? bias)
    {
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> source = matrix.AsSpan(c * ld + offset, positions);
            Span<float> target = sample.Slice(c * positions, positions);
            source.CopyTo(target);
            if (bias is not null) AddScalar(target, bias[c]);
        }
    }

    // One sample's (channels, positions) tensor slice -> its block of a (channels, ld) matrix.
    private static void SampleToChannelMajor(ReadOnlySpan<float> sample, int channels, int positions,
        float[] matrix, int ld, int offset)
    {
        for (int c = 0; c < channels; c++)
            sample.Slice(c * positions, positions).CopyTo(matrix.AsSpan(c * ld + offset, positions));
    }

    private static void AddChannelBias(Span<float> image, float[] bias, int plane)
    {
        for (int c = 0; c < bias.Length; c++) AddScalar(image.Slice(c * plane, plane), bias[c]);
    }

    private static void AddScalar(Span<float> values, float scalar)
    {
        if (scalar == 0f) return;
        var v = new System.Numerics.Vector<float>(scalar);
        int w = System.Numerics.Vector<float>.Count, i = 0;
        for (; i <= values.Length - w; i += w) (new System.Numerics.Vector<float>(values.Slice(i)) + v).CopyTo(values.Slice(i));
        for (; i < values.Length; i++) values[i] += scalar;
    }
}
