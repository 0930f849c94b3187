namespace MiniTorch.Memory;

/// <summary>
/// Ownership of one pooled array shared by a tensor and its views (<c>view</c>, <c>detach</c>, a
/// <c>Parameter</c> wrapping it): each holder counts once, and the array goes back to <see cref="BufferPool"/> when
/// the last holder is disposed. Tensors that are never disposed simply drop their reference and the GC reclaims the
/// array, so forgetting to dispose costs memory churn, never correctness.
/// </summary>
internal sealed class PooledStorage
{
    private float[]? _array;
    private int _holders = 1;

    public PooledStorage(float[] array) => _array = array;

    /// <summary>One more tensor reads this array.</summary>
    public PooledStorage Share()
    {
        if (Interlocked.Increment(ref _holders) <= 1)
            throw new InvalidOperationException("pooled storage: shared after its last holder released it");
        return this;
    }

    /// <summary>A holder is done; the last one returns the array to the pool.</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) != 0) return;
        float[]? array = Interlocked.Exchange(ref _array, null);
        if (array is not null) BufferPool.Return(array);
    }
}
