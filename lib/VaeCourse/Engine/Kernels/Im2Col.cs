namespace MiniTorch.Kernels;

/// <summary>
/// The geometry of one 2-D convolution seen from conv2d's side: an <em>image</em> of (Channels, Height, Width) is read
/// through a (KernelH, KernelW) window at the given stride and zero padding, giving (OutH, OutW) window positions.
/// For conv_transpose2d the image is the op's <em>output</em> and the window positions are its input.
/// </summary>
internal readonly record struct ConvGeometry(
    int Channels, int Height, int Width,
    int KernelH, int KernelW,
    int StrideH, int StrideW,
    int PadH, int PadW,
    int OutH, int OutW)
{
    /// <summary>Elements of one image: C·H·W.</summary>
    public int ImageSize => Channels * Height * Width;

    /// <summary>Rows of the column matrix: one per (channel, kernel row, kernel column), C·kH·kW.</summary>
    public int ColumnRows => Channels * KernelH * KernelW;

    /// <summary>Window positions per image: OH·OW (columns of the column matrix per sample).</summary>
    public int Positions => OutH * OutW;

    /// <summary>Width of one channel plane with its zero border: W + 2·pW.</summary>
    public int PaddedWidth => Width + 2 * PadW;

    /// <summary>Elements of one channel plane with its zero border: (H + 2·pH)·(W + 2·pW).</summary>
    public int PaddedPlane => (Height + 2 * PadH) * PaddedWidth;
}

/// <summary>
/// im2col and its adjoint col2im for one sample. The column matrix has a row per (c, kh, kw) and a column per window
/// position (oh, ow); a sample's block starts at <c>columnOffset</c> in rows of length <c>ld</c>, so a batch of samples
/// can sit side by side in one matrix and feed a single SGEMM.
/// Each channel is staged in a zero-bordered plane, so padding needs no tests in the inner loops, and every
/// (kh, kw) row is a gather through one precomputed offset table shared by all channels. This keeps the cost per
/// element constant even when output rows are short (7 wide in the ConvVae), where per-row work would dominate.
/// </summary>
internal static class Im2Col
{
    /// <summary>
    /// offsets[(kh·kW + kw)·OH·OW + oh·OW + ow] = where window element (kh, kw) at position (oh, ow) lies in a
    /// zero-bordered plane: (oh·sH + kh)·(W + 2pW) + ow·sW + kw. Every entry is inside <see cref="ConvGeometry.PaddedPlane"/>.
    /// </summary>
    public static int[] WindowOffsets(in ConvGeometry g)
    {
        var offsets = new int[g.KernelH * g.KernelW * g.Positions];
        int wp = g.PaddedWidth, i = 0;
        for (int kh = 0; kh < g.KernelH; kh++)
            for (int kw = 0; kw < g.KernelW; kw++)
                for (int oh = 0; oh < g.OutH; oh++)
                    for (int ow = 0; ow < g.OutW; ow++)
                        offsets[i++] = (oh * g.StrideH + kh) * wp + ow * g.StrideW + kw;
        return offsets;
    }

    /// <summary>
    /// cols[(c,kh,kw), (oh,ow)] = image[c, oh·s−p+kh, ow·s−p+kw], zero outside the image.
    /// <paramref name="padded"/> is scratch of at least <see cref="ConvGeometry.PaddedPlane"/> floats.
    /// </summary>
    public static void Gather(ReadOnlySpan<float> image, in ConvGeometry g, int[] offsets, Span<float> padded,
        Span<float> cols, int ld, int columnOffset)
    {
        int plane = g.Height * g.Width, positions = g.Positions, window = g.KernelH * g.KernelW;
        Span<float> staged = padded.Slice(0, g.PaddedPlane);
        staged.Clear();    // the border stays zero; each channel overwrites only the interior
        for (int c = 0; c < g.Channels; c++)
        {
            ReadOnlySpan<float> channel = image.Slice(c * plane, plane);
            for (int h = 0; h < g.Height; h++)
                channel.Slice(h * g.Width, g.Width).CopyTo(staged.Slice((h + g.PadH) * g.PaddedWidth + g.PadW, g.Width));
            for (int k = 0; k < window; k++)
            {
                Span<float> row = cols.Slice((c * window + k) * ld + columnOffset, positions);
                ReadOnlySpan<int> index = offsets.AsSpan(k * positions, positions);
                for (int j = 0; j < row.Length; j++) row[j] = staged[index[j]];
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="Gather"/>: image[c, ih, iw] = Σ cols[(c,kh,kw), (oh,ow)] over every window covering it.
    /// The image is overwritten. Rows are added in a fixed order, so the sums are deterministic.
    /// </summary>
    public static void Scatter(ReadOnlySpan<float> cols, int ld, int columnOffset, in ConvGeometry g, int[] offsets,
        Span<float> padded, Span<float> image)
    {
        int plane = g.Height * g.Width, positions = g.Positions, window = g.KernelH * g.KernelW;
        Span<float> staged = padded.Slice(0, g.PaddedPlane);
        for (int c = 0; c < g.Channels; c++)
        {
            staged.Clear();
            for (int k = 0; k < window; k++)
            {
                ReadOnlySpan<float> row = cols.Slice((c * window + k) * ld + columnOffset, positions);
                ReadOnlySpan<int> index = offsets.AsSpan(k * positions, positions);
                for (int j = 0; j < row.Length; j++) staged[index[j]] += row[j];
            }
            // What landed on the border belongs to padding and is dropped.
            Span<float> channel = image.Slice(c * plane, plane);
            for (int h = 0; h < g.Height; h++)
                staged.Slice((h + g.PadH) * g.PaddedWidth + g.PadW, g.Width).CopyTo(channel.Slice(h * g.Width, g.Width));
        }
    }
}
