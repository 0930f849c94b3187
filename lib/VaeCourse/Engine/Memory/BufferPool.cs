namespace MiniTorch.Memory;

/// <summary>
/// The engine's cache of float arrays, bucketed by exact length (a tensor's array is exactly numel long).
/// Training a network repeats the same shapes every step, so the arrays of one step's activations and
/// gradients serve the next step instead of becoming garbage: without the pool every (128,784) tensor is a
/// new 400 KB large-object-heap array, and the GC runs full (gen 2) collections to reclaim them.
/// </summary>
/// <remarks>
/// An array may be returned only by the one owner that knows nobody else reads it: the storage of a disposed tensor
/// (<see cref="PooledStorage"/>), or autograd for an intermediate gradient after its node ran. Returning the same
/// array twice would hand it to two tensors, so <see cref="Return"/> checks for that and throws.
/// Bounded: at most <see cref="MaxPerLength"/> arrays of one length, none longer than <see cref="MaxLength"/>, and
/// <see cref="MaxPooledFloats"/> floats in all; beyond that a returned array is dropped and the GC reclaims it.
/// Thread-safe (one lock).
/// </remarks>
internal static class BufferPool
{
    /// <summary>Shorter arrays are not pooled: the GC's gen-0 allocator is as fast for them.</summary>
    public const int MinLength = 1024;

    /// <summary>Longer arrays (over 64 MiB) are not kept: one would hold more memory than a training step reuses.</summary>
    public const int MaxLength = 1 << 24;

    /// <summary>Most arrays kept per length.</summary>
    public const int MaxPerLength = 64;

    /// <summary>Most floats kept in all (256 MiB).</summary>
    public const long MaxPooledFloats = 64L << 20;

    private static readonly object Gate = new();
    private static readonly Dictionary<int, Stack<float[]>> Buckets = new();
    private static long _pooledFloats;
    private static long _rents, _reuses, _returns, _drops;

    /// <summary>An array of exactly <paramref name="length"/> floats with arbitrary contents.</summary>
    public static float[] Rent(int length)
    {
        if (length is >= MinLength and <= MaxLength)
        {
            lock (Gate)
            {
                _rents++;
                if (Buckets.TryGetValue(length, out var bucket) && bucket.TryPop(out var reused))
                {
                    _reuses++;
                    _pooledFloats -= length;
                    return reused;
                }
            }
        }
        return GC.AllocateUninitializedArray<float>(length);
    }

    /// <summary>An array of exactly <paramref name="length"/> zeros.</summary>
    public static float[] RentZeroed(int length)
    {
        if (length < MinLength) return new float[length];
        float[] array = Rent(length);
        Array.Clear(array);
        return array;
    }

    /// <summary>Hands <paramref name="array"/> back; the caller must be its only owner and must not touch it again.</summary>
    public static void Return(float[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        int length = array.Length;
        if (length < MinLength || length > MaxLength) return;
        lock (Gate)
        {
            if (!Buckets.TryGetValue(length, out var bucket)) Buckets[length] = bucket = new Stack<float[]>();
            foreach (float[] pooled in bucket)
                if (ReferenceEquals(pooled, array))
                    throw new InvalidOperationException(
                        $"buffer pool: an array of {length} floats was returned twice; two tensors would share it (an ownership bug in the engine)");
            if (bucket.Count >= MaxPerLength || _pooledFloats + length > MaxPooledFloats)
            {
                _drops++;
                return;
            }
            bucket.Push(array);
            _pooledFloats += length;
            _returns++;
        }
    }

    /// <summary>Counters since the process started (or since <see cref="Clear"/>).</summary>
    public static BufferPoolStatistics Statistics
    {
        get
        {
            lock (Gate) return new BufferPoolStatistics(_rents, _reuses, _returns, _drops, _pooledFloats * sizeof(float));
        }
    }

    /// <summary>Drops every pooled array and zeroes the counters (tests; a long-lived process between workloads).</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Buckets.Clear();
            _pooledFloats = _rents = _reuses = _returns = _drops = 0;
        }
    }
}

/// <summary>What the pool did: rents of poolable sizes, how many of those were served from the pool, arrays
/// returned and kept, arrays returned but dropped (pool full), and the bytes held now.</summary>
internal readonly record struct BufferPoolStatistics(long Rents, long Reuses, long Returns, long Drops, long PooledBytes);
