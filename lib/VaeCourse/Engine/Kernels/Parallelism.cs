namespace MiniTorch.Kernels;

/// <summary>How many threads the parallel kernels use (default: all cores). Work is split into a fixed set of
/// contiguous ranges, so every result is the same whatever thread runs which range.</summary>
internal static class Parallelism
{
    // Parts per thread: enough for a thread that finishes early to take over the tail of a slow one's work.
    private const int PartsPerThread = 4;

    private static int _threads = Environment.ProcessorCount;

    public static int Threads
    {
        get => _threads;
        set => _threads = Math.Max(1, value);
    }

    /// <summary>
    /// Runs body(start, end) once for each of a fixed set of contiguous parts of [0, n), each at least minChunk long,
    /// on up to <see cref="Threads"/> threads (the caller and the engine's workers, see <see cref="WorkerTeam"/>). The
    /// parts depend only on n, minChunk and the thread count; which thread runs a part does not change a result.
    /// </summary>
    public static void For(int n, int minChunk, Action<int, int> body)
    {
        int most = Math.Max(1, n / Math.Max(1, minChunk));
        int threads = Math.Min(_threads, most);
        if (threads <= 1) { body(0, n); return; }
        WorkerTeam.Run(n, Math.Min(most, threads * PartsPerThread), threads, body);
    }

    /// <summary>Start of chunk <paramref name="c"/> of <paramref name="chunks"/> over [0, n).</summary>
    internal static int ChunkStart(int n, int chunks, int c) => (int)((long)n * c / chunks);
}
