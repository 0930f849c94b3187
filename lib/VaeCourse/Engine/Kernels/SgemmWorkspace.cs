namespace MiniTorch.Kernels;

/// <summary>
/// Per-thread packing buffers for <see cref="Sgemm"/>: one pinned array, cut into 64-byte aligned regions for packed
/// A, packed B and an edge tile. It grows to the largest request and is then reused, so a GEMM allocates nothing.
/// </summary>
internal sealed unsafe class SgemmWorkspace
{
    private const int AlignFloats = 16; // 64 bytes: one cache line, one Vector512

    [ThreadStatic] private static SgemmWorkspace? t_current;

    private float[] _buffer = [];

    /// <summary>Packed op(A) block: at least the requested number of floats, 64-byte aligned.</summary>
    public float* A { get; private set; }

    /// <summary>Packed op(B) block.</summary>
    public float* B { get; private set; }

    /// <summary>Scratch MR×NR tile for edge tiles.</summary>
    public float* Tile { get; private set; }

    /// <summary>This thread's workspace with room for the given sizes (in floats).</summary>
    public static SgemmWorkspace ForCurrentThread(int aFloats, int bFloats, int tileFloats)
    {
        var workspace = t_current ??= new SgemmWorkspace();
        workspace.Ensure(RoundUp(aFloats), RoundUp(bFloats), RoundUp(tileFloats));
        return workspace;
    }

    private void Ensure(int aFloats, int bFloats, int tileFloats)
    {
        int needed = aFloats + bFloats + tileFloats + AlignFloats;
        if (_buffer.Length < needed)
            _buffer = GC.AllocateUninitializedArray<float>(Math.Max(needed, _buffer.Length * 2), pinned: true);
        // Pinned arrays never move, so the addresses stay valid for the buffer's lifetime.
        fixed (float* start = _buffer)
        {
            float* aligned = (float*)(((nint)start + 63) & ~(nint)63);
            A = aligned;
            B = aligned + aFloats;
            Tile = aligned + aFloats + bFloats;
        }
    }

    private static int RoundUp(int floats) => (floats + AlignFloats - 1) / AlignFloats * AlignFloats;
}
