namespace MiniTorch.Kernels;

/// <summary>
/// Hands out strips [0, count) to workers: each worker owns one contiguous range and takes strips from its
/// front; a worker whose range is empty steals from the back of another's. Workers thus stay far apart in C
/// (neighbouring strips share cache lines of C, so working on them at once would bounce those lines between
/// cores), while a worker that starts late or is slowed down just ends up with fewer strips.
/// </summary>
internal sealed class SgemmStripQueue
{
    private const int Stride = 8; // one range per 64-byte cache line: claims by one worker do not disturb another

    // Per worker: front in the high 32 bits, back (exclusive) in the low 32 bits, updated together by CAS.
    private readonly long[] _ranges;
    private readonly int _workers;

    public SgemmStripQueue(int count, int workers)
    {
        _workers = workers;
        _ranges = new long[(workers + 1) * Stride];
        for (int w = 0; w < workers; w++)
            _ranges[(w + 1) * Stride] = Pack((int)((long)count * w / workers), (int)((long)count * (w + 1) / workers));
    }

    /// <summary>Takes the next strip for <paramref name="worker"/>: its own first, then stolen; false when none are left.</summary>
    public bool TryTake(int worker, out int strip)
    {
        if (TryTakeFront(worker, out strip)) return true;
        for (int i = 1; i < _workers; i++)
            if (TryTakeBack((worker + i) % _workers, out strip)) return true;
        strip = -1;
        return false;
    }

    private bool TryTakeFront(int worker, out int strip)
    {
        ref long range = ref _ranges[(worker + 1) * Stride];
        while (true)
        {
            long seen = Volatile.Read(ref range);
            var (front, back) = Unpack(seen);
            if (front >= back) break;
            if (Interlocked.CompareExchange(ref range, Pack(front + 1, back), seen) == seen)
            {
                strip = front;
                return true;
            }
        }
        strip = -1;
        return false;
    }

    private bool TryTakeBack(int victim, out int strip)
    {
        ref long range = ref _ranges[(victim + 1) * Stride];
        while (true)
        {
            long seen = Volatile.Read(ref range);
            var (front, back) = Unpack(seen);
            if (front >= back) break;
            if (Interlocked.CompareExchange(ref range, Pack(front, back - 1), seen) == seen)
            {
                strip = back - 1;
                return true;
            }
        }
        strip = -1;
        return false;
    }

    private static long Pack(int front, int back) => ((long)front << 32) | (uint)back;

    private static (int Front, int Back) Unpack(long range) => ((int)(range >> 32), (int)range);
}
