namespace MiniTorch.Kernels;

/// <summary>How many threads the parallel kernels use (default: all cores). Work is split into a fixed set of
/// contiguous ranges, so every result is the same whatever thread runs which range.</summary>
internal static class Parallelism
{
    private static int _threads = Environment.ProcessorCount;

    public static int Threads
    {
        get => _threads;
        set => _threads = Math.Max(1, value);
    }

    /// <summary>
    /// Runs body(start, end) over [0, n) in up to <see cref="Threads"/> contiguous chunks of at least minChunk: chunk 0
    /// on the calling thread, chunk c on the engine's worker thread c (see <see cref="WorkerTeam"/>).
    /// </summary>
    public static void For(int n, int minChunk, Action<int, int> body)
    {
        int chunks = Math.Min(_threads, Math.Max(1, n / Math.Max(1, minChunk)));
        if (chunks <= 1) { body(0, n); return; }
        WorkerTeam.Run(n, chunks, body);
    }

    /// <summary>Start of chunk <paramref name="c"/> of <paramref name="chunks"/> over [0, n).</summary>
    internal static int ChunkStart(int n, int chunks, int c) => (int)((long)n * c / chunks);
}
