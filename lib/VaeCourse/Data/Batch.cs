using MiniTorch;

namespace VaeCourse.Data;

/// <summary>
/// B examples copied out of a <see cref="DatasetSplit"/>. Each batch owns fresh arrays, so it stays valid after the
/// loader moves on (autograd graphs may still hold it).
/// </summary>
public sealed class Batch
{
    internal Batch(float[] pixels, long[] labels, long[] indices, int height, int width)
    {
        int b = indices.Length;
        Images = new Tensor(pixels, new long[] { b, height * width });
        ImagesNchw = new Tensor(pixels, new long[] { b, 1, height, width });
        Labels = new Tensor(labels, new long[] { b });
        Indices = indices;
    }

    /// <summary>(B,784) Float32 pixels in [0,1].</summary>
    public Tensor Images { get; }

    /// <summary>(B,1,28,28): the same pixels as <see cref="Images"/> for convolutions (a view, no copy).</summary>
    public Tensor ImagesNchw { get; }

    /// <summary>(B) Int64 class labels.</summary>
    public Tensor Labels { get; }

    /// <summary>The row of each example in the data set, in batch order.</summary>
    public long[] Indices { get; }

    /// <summary>Number of examples B (the last batch of an epoch may be smaller unless dropLast).</summary>
    public int Count => Indices.Length;
}
