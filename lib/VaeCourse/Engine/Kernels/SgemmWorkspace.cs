namespace MiniTorch.Kernels;

/// <summary>
/// Per-thread packing buffers for <see cref="Sgemm"/>, 64-byte aligned: a large one for the operand a call
/// shares between its workers, and a small one for a worker's private panel and edge tile. Each is one pinned
/// array that grows to the largest request and is then reused, so a GEMM allocates no buffers.
/// </summary>
internal sealed unsafe class SgemmWorkspace
{
    private const int AlignFloats = 16; // 64 bytes: one cache line, one Vector512

    [ThreadStatic] private static SgemmWorkspace? t_current;

    private float[] _shared = [];
    private float[] _local = [];

    /// <summary>This thread's workspace.</summary>
    public static SgemmWorkspace ForCurrentThread() => t_current ??= new SgemmWorkspace();

    /// <summary>Room for <paramref name="floats"/> floats of shared packed operand (valid until the next call).</summary>
    public float* Shared(int floats) => Aligned(ref _shared, floats);

    /// <summary>A private panel of <paramref name="panelFloats"/> and, after it, a scratch tile of <paramref name="tileFloats"/>.</summary>
    public (nint Panel, nint Tile) Local(int panelFloats, int tileFloats)
    {
        int panel = (panelFloats + AlignFloats - 1) / AlignFloats * AlignFloats;
        float* start = Aligned(ref _local, panel + tileFloats);
        return ((nint)start, (nint)(start + panel));
    }

    private static float* Aligned(ref float[] buffer, int floats)
    {
        int needed = floats + AlignFloats;
        if (buffer.Length < needed)
            buffer = GC.AllocateUninitializedArray<float>(Math.Max(needed, buffer.Length * 2), pinned: true);
        // Pinned arrays never move, so the address stays valid for the buffer's lifetime.
        fixed (float* start = buffer) return (float*)(((nint)start + 63) & ~(nint)63);
    }
}
