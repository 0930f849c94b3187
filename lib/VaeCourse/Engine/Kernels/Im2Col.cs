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
}

/// <summary>
/// im2col and its adjoint col2im for one sample. The column matrix has a row per (c, kh, kw) and a column per window
/// position (oh, ow); a sample's block starts at <c>columnOffset</c> in rows of length <c>ld</c>, so a batch of samples
/// can sit side by side in one matrix and feed a single SGEMM.
/// </summary>
internal static class Im2Col
{
    /// <summary>cols[(c,kh,kw), (oh,ow)] = image[c, oh·s−p+kh, ow·s−p+kw], zero outside the image.</summary>
    public static void Gather(ReadOnlySpan<float> image, in ConvGeometry g, Span<float> cols, int ld, int columnOffset)
    {
        int plane = g.Height * g.Width;
        for (int c = 0; c < g.Channels; c++)
            for (int kh = 0; kh < g.KernelH; kh++)
                for (int kw = 0; kw < g.KernelW; kw++)
                {
                    int row = (c * g.KernelH + kh) * g.KernelW + kw;
                    Span<float> dst = cols.Slice(row * ld + columnOffset, g.Positions);
                    var (owLo, owHi) = ValidRange(kw, g.StrideW, g.PadW, g.Width, g.OutW);
                    int iw0 = owLo * g.StrideW - g.PadW + kw;
                    for (int oh = 0; oh < g.OutH; oh++)
                    {
                        Span<float> line = dst.Slice(oh * g.OutW, g.OutW);
                        int ih = oh * g.StrideH - g.PadH + kh;
                        if ((uint)ih >= (uint)g.Height || owLo >= owHi) { line.Clear(); continue; }
                        line[..owLo].Clear();
                        line[owHi..].Clear();
                        int count = owHi - owLo;
                        // Bounds-checked slices: a wrong range fails loudly instead of reading outside the image.
                        ReadOnlySpan<float> source = image.Slice(c * plane + ih * g.Width + iw0, (count - 1) * g.StrideW + 1);
                        if (g.StrideW == 1)
                            source.CopyTo(line.Slice(owLo, count));
                        else
                            GatherStrided(source, g.StrideW, line.Slice(owLo, count));
                    }
                }
    }

    /// <summary>
    /// The adjoint of <see cref="Gather"/>: image[c, ih, iw] += cols[(c,kh,kw), (oh,ow)] for every window covering it.
    /// The image is overwritten (cleared first). Rows are visited in a fixed order, so the sums are deterministic.
    /// </summary>
    public static void Scatter(ReadOnlySpan<float> cols, int ld, int columnOffset, in ConvGeometry g, Span<float> image)
    {
        image.Slice(0, g.ImageSize).Clear();
        int plane = g.Height * g.Width;
        for (int c = 0; c < g.Channels; c++)
            for (int kh = 0; kh < g.KernelH; kh++)
                for (int kw = 0; kw < g.KernelW; kw++)
                {
                    int row = (c * g.KernelH + kh) * g.KernelW + kw;
                    ReadOnlySpan<float> src = cols.Slice(row * ld + columnOffset, g.Positions);
                    var (owLo, owHi) = ValidRange(kw, g.StrideW, g.PadW, g.Width, g.OutW);
                    if (owLo >= owHi) continue;
                    int iw0 = owLo * g.StrideW - g.PadW + kw, count = owHi - owLo;
                    for (int oh = 0; oh < g.OutH; oh++)
                    {
                        int ih = oh * g.StrideH - g.PadH + kh;
                        if ((uint)ih >= (uint)g.Height) continue;
                        Span<float> target = image.Slice(c * plane + ih * g.Width + iw0, (count - 1) * g.StrideW + 1);
                        ReadOnlySpan<float> line = src.Slice(oh * g.OutW + owLo, count);
                        if (g.StrideW == 1)
                            Simd.AddInPlace(target, line);
                        else
                            ScatterStrided(line, target, g.StrideW);
                    }
                }
    }

    /// <summary>
    /// Window columns [lo, hi) whose input column ow·s − p + k lies inside [0, size): the rest read padding.
    /// </summary>
    private static (int lo, int hi) ValidRange(int k, int stride, int pad, int size, int outSize)
    {
        int first = pad - k;                       // ow·s ≥ p − k
        int lo = first <= 0 ? 0 : (first + stride - 1) / stride;
        int last = size - 1 + pad - k;             // ow·s ≤ size − 1 + p − k
        int hi = last < 0 ? 0 : Math.Min(outSize, last / stride + 1);
        return (Math.Min(lo, outSize), hi);
    }

    private static void GatherStrided(ReadOnlySpan<float> source, int stride, Span<float> destination)
    {
        for (int i = 0, j = 0; i < destination.Length; i++, j += stride) destination[i] = source[j];
    }

    private static void ScatterStrided(ReadOnlySpan<float> source, Span<float> destination, int stride)
    {
        for (int i = 0, j = 0; i < source.Length; i++, j += stride) destination[j] += source[i];
    }
}
