using System.Runtime.CompilerServices;

namespace MiniTorch.Kernels;

/// <summary>
/// One <see cref="Sgemm"/> call: its operands, path and blocking, and the blocked, threaded loops that run it.
/// </summary>
/// <remarks>
/// C is cut along the longer of m and n into strips one tile wide. Each worker packs the other operand (the
/// "shared" one: the whole of it, for every k block, a super-block of at most <see cref="SharedBudget"/> floats
/// at a time) once, then takes strips one at a time (<see cref="SgemmStripQueue"/>): for each k block it packs
/// the strip's panel of its own operand into a small buffer (which stays in L1) and runs it against every
/// shared panel (streamed from L2). Taking strips dynamically keeps both cores busy even when one starts late or
/// is slowed down, and since a strip is whole tiles, no element's arithmetic depends on who computes it or when.
/// </remarks>
internal sealed unsafe class SgemmJob(SgemmPath path, bool transA, bool transB, int m, int n, int k,
    float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
    float[] c, int cOffset, int ldc, bool accumulate)
{
    /// <summary>Largest shared packed block, in floats (2 MiB): every operand of the VAE fits whole, and the one
    /// k block of it that a strip sweeps at a time (at most 784×256 floats there) stays in a 1 MiB L2.</summary>
    public const int SharedBudget = 1 << 19;

    // Below this many flops per worker, handing work to another thread costs more than it saves. With the thread pool
    // (20-60 µs to wake a thread on the 2-vCPU VM measured) that was 6 MFLOP; with the engine's own workers
    // (WorkerTeam, which spin briefly) the VAE's 2-MFLOP latent-layer products run 40-50% faster on two threads
    // (55 -> 76-80 GFLOP/s) and one VAE epoch 0.1 s faster.
    private const double MinFlopsPerWorker = 1_000_000;

    /// <summary>Rows of C per micro-kernel tile.</summary>
    public int Mr { get; } = path switch { SgemmPath.Vector512 => 16, SgemmPath.Vector256 => 6, SgemmPath.Vector128 => 8, _ => 4 };

    /// <summary>Columns of C per micro-kernel tile.</summary>
    public int Nr { get; } = path switch { SgemmPath.Vector512 => 16, SgemmPath.Vector256 => 16, SgemmPath.Vector128 => 8, _ => 4 };

    private readonly bool _splitColumns = n >= m; // strips of columns share op(A); strips of rows share op(B)
    private readonly int _kBlocks = (k + Sgemm.KcMax - 1) / Sgemm.KcMax;

    /// <summary>Runs the whole product on up to <paramref name="maxWorkers"/> threads (via <see cref="Parallelism.For"/>).</summary>
    public void Execute(int maxWorkers)
    {
        int sharedLength = _splitColumns ? m : n, sharedUnit = _splitColumns ? Mr : Nr;
        int stripUnit = _splitColumns ? Nr : Mr;
        int strips = ((_splitColumns ? n : m) + stripUnit - 1) / stripUnit;
        int workers = (int)Math.Clamp(2.0 * m * n * k / MinFlopsPerWorker, 1, Math.Min(Math.Max(1, maxWorkers), strips));

        // Whole tiles of the shared operand, as many as the budget holds (at least one).
        int superLength = Math.Max(1, SharedBudget / k / sharedUnit) * sharedUnit;
        long sharedCapacity = (long)Math.Min(superLength, RoundUp(sharedLength, sharedUnit)) * k;
        if (sharedCapacity > Array.MaxLength - 64)
            Check.Fail("sgemm", $"k = {k} is too long: one packed panel of {sharedUnit}×{k} floats does not fit in an array");

        for (int h0 = 0; h0 < sharedLength; h0 += superLength)
        {
            int h1 = Math.Min(sharedLength, h0 + superLength);
            var queue = new SgemmStripQueue(strips, workers);
            if (workers == 1)
            {
                Work(h0, h1, (int)sharedCapacity, queue, worker: 0);
                continue;
            }
            Parallelism.For(workers, 1, (first, last) =>
            {
                for (int worker = first; worker < last; worker++) Work(h0, h1, (int)sharedCapacity, queue, worker);
            });
        }
    }

    // A worker: packs its own copy of shared rows/columns [h0, h1) once it has a strip to use them on, then takes
    // strips until none are left. Its own copy, not one packed by the caller: writing a buffer the other core has
    // just read costs a cache-line invalidation per line, ten times the packing itself.
    private void Work(int h0, int h1, int sharedCapacity, SgemmStripQueue queue, int worker)
    {
        if (!queue.TryTake(worker, out int strip)) return;
        float* shared = SgemmWorkspace.ForCurrentThread().Shared(sharedCapacity);
        PackShared(h0, h1, shared);
        do ComputeStrip(h0, h1, shared, strip);
        while (queue.TryTake(worker, out strip));
    }

    // Packs op(A) rows (or op(B) columns) [h0, h1) for every k block: block kb starts at p0(kb)·rounded(h1 - h0).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PackShared(int h0, int h1, float* shared)
    {
        int rounded = RoundUp(h1 - h0, _splitColumns ? Mr : Nr);
        fixed (float* aBase = a, bBase = b)
            for (int kb = 0; kb < _kBlocks; kb++)
            {
                var (p0, kc) = KBlock(kb);
                float* destination = shared + (long)p0 * rounded;
                if (_splitColumns) SgemmPacking.PackA(transA, aBase + aOffset, lda, h0, h1 - h0, p0, kc, Mr, destination);
                else SgemmPacking.PackB(transB, bBase + bOffset, ldb, p0, kc, h0, h1 - h0, Nr, destination);
            }
    }

    // One strip of C against shared rows/columns [h0, h1): per k block, pack the strip's own panel, then one tile
    // per shared panel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeStrip(int h0, int h1, float* shared, int strip)
    {
        int mr = Mr, nr = Nr, stripUnit = _splitColumns ? nr : mr, sharedUnit = _splitColumns ? mr : nr;
        int s0 = strip * stripUnit, stripCount = Math.Min(stripUnit, (_splitColumns ? n : m) - s0);
        int rounded = RoundUp(h1 - h0, sharedUnit);
        var (panelAddress, tileAddress) = SgemmWorkspace.ForCurrentThread().Local(Sgemm.KcMax * stripUnit, mr * nr);
        float* panel = (float*)panelAddress, scratch = (float*)tileAddress;
        fixed (float* aBase = a, bBase = b, cBase = c)
        {
            float* aStart = aBase + aOffset, bStart = bBase + bOffset;
            for (int kb = 0; kb < _kBlocks; kb++)
            {
                var (p0, kc) = KBlock(kb);
                bool add = accumulate || kb > 0;
                if (_splitColumns) SgemmPacking.PackB(transB, bStart, ldb, p0, kc, s0, stripCount, nr, panel);
                else SgemmPacking.PackA(transA, aStart, lda, s0, stripCount, p0, kc, mr, panel);
                float* sharedBlock = shared + (long)p0 * rounded;
                for (int h = h0; h < h1; h += sharedUnit)
                {
                    float* sharedPanel = sharedBlock + (long)(h - h0) * kc;
                    int sharedCount = Math.Min(sharedUnit, h1 - h);
                    if (_splitColumns)
                        Tile(kc, sharedPanel, panel, cBase + cOffset + (long)h * ldc + s0, sharedCount, stripCount, add, scratch);
                    else
                        Tile(kc, panel, sharedPanel, cBase + cOffset + (long)s0 * ldc + h, stripCount, sharedCount, add, scratch);
                }
            }
        }
    }

    // One MR×NR tile of C with `rows`×`cols` of it inside the matrix.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Tile(int kc, float* aPanel, float* bPanel, float* cTile, int rows, int cols, bool add, float* scratch)
    {
        if (rows == Mr && cols == Nr)
        {
            MicroKernel(kc, aPanel, bPanel, cTile, ldc, add);
            return;
        }
        // Edge tile: the padded tile goes to scratch, then its valid corner to C, with the same
        // "C = sum" or "C = C + sum" that a full tile does.
        MicroKernel(kc, aPanel, bPanel, scratch, Nr, add: false);
        for (int i = 0; i < rows; i++)
        {
            float* source = scratch + i * Nr, destination = cTile + (long)i * ldc;
            if (add) for (int j = 0; j < cols; j++) destination[j] += source[j];
            else for (int j = 0; j < cols; j++) destination[j] = source[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MicroKernel(int kc, float* aPanel, float* bPanel, float* cTile, nint ldcTile, bool add)
    {
        switch (path)
        {
            case SgemmPath.Vector512: SgemmMicroKernel.Vector512Tile16x16(kc, aPanel, bPanel, cTile, ldcTile, add); break;
            case SgemmPath.Vector256: SgemmMicroKernel.Vector256Tile6x16(kc, aPanel, bPanel, cTile, ldcTile, add); break;
            case SgemmPath.Vector128: SgemmMicroKernel.Vector128Tile8x8(kc, aPanel, bPanel, cTile, ldcTile, add); break;
            default: SgemmMicroKernel.ScalarTile4x4(kc, aPanel, bPanel, cTile, ldcTile, add); break;
        }
    }

    // Block bounds depend on k alone, so every path, strip and thread count rounds alike.
    private (int P0, int Kc) KBlock(int kb)
    {
        int p0 = (int)((long)k * kb / _kBlocks);
        return (p0, (int)((long)k * (kb + 1) / _kBlocks) - p0);
    }

    private static int RoundUp(int value, int unit) => (value + unit - 1) / unit * unit;
}
