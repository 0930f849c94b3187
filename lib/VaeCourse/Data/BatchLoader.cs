using System.Collections;
using MiniTorch;

namespace VaeCourse.Data;

/// <summary>
/// Cuts a data set into batches, like PyTorch's <c>DataLoader</c>: <c>foreach (var batch in loader)</c> is one epoch.
/// With <c>shuffle</c> each epoch draws a fresh permutation (<c>torch.randperm</c>) from the generator, so a seeded
/// generator gives the same batches on every run. Rows are copied into new arrays for every batch.
/// </summary>
public sealed class BatchLoader : IEnumerable<Batch>
{
    private readonly DatasetSplit _data;
    private readonly Generator? _generator;

    /// <summary>A loader over <paramref name="data"/>.</summary>
    /// <param name="data">The examples.</param>
    /// <param name="batchSize">Examples per batch, at least 1.</param>
    /// <param name="shuffle">Visit the examples in a new random order each epoch.</param>
    /// <param name="dropLast">Skip the last batch of an epoch when it has fewer than <paramref name="batchSize"/> examples.</param>
    /// <param name="generator">The random numbers for shuffling; null uses torch's default generator (<c>torch.manual_seed</c>).</param>
    public BatchLoader(DatasetSplit data, int batchSize, bool shuffle = false, bool dropLast = false, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"BatchLoader: batchSize must be at least 1, got {batchSize}");
        _data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        _generator = generator;
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the examples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a smaller last batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch (PyTorch's <c>len(loader)</c>).</summary>
    public int Count => DropLast ? _data.Count / BatchSize : (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>One epoch of batches. The shuffle is drawn when the enumeration starts.</summary>
    public IEnumerator<Batch> GetEnumerator()
    {
        int n = _data.Count, rowLength = _data.Height * _data.Width;
        long[] order = Shuffle ? torch.randperm(n, _generator).data<long>().ToArray() : Sequence(n);
        byte[] labels = _data.LabelBytes;
        float[] source = _data.Pixels;
        for (int start = 0; start < n; start += BatchSize)
        {
            int size = Math.Min(BatchSize, n - start);
            if (size < BatchSize && DropLast) yield break;
            var indices = order.AsSpan(start, size).ToArray();
            var pixels = GC.AllocateUninitializedArray<float>(size * rowLength);
            var batchLabels = new long[size];
            for (int j = 0; j < size; j++)
            {
                int row = (int)indices[j];
                source.AsSpan(row * rowLength, rowLength).CopyTo(pixels.AsSpan(j * rowLength, rowLength));
                batchLabels[j] = labels[row];
            }
            yield return new Batch(pixels, batchLabels, indices, _data.Height, _data.Width);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static long[] Sequence(int n)
    {
        var order = new long[n];
        for (int i = 0; i < n; i++) order[i] = i;
        return order;
    }
}
