using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace MiniTorch.Kernels;

/// <summary>
/// The register-blocked inner kernels of <see cref="Sgemm"/>: an MR×NR tile of C held in accumulators while kc
/// rank-1 updates stream past, reading MR broadcast values of packed A and NR values of packed B per step.
/// </summary>
/// <remarks>
/// Each accumulator lane runs the chain sum = fma(a[p], b[p], sum) from zero over the kc block, then the tile is
/// written as C = sum or C = C + sum. All four kernels do exactly this per element, so they agree bit for bit.
/// Tile shapes: with 32 zmm registers, 16×16 keeps 16 accumulators + 1 B vector + 1 broadcast live. On Zen 4
/// every shape from 4×64 to 14×32 reaches the same peak when its panels sit in L1, and inside the whole GEMM
/// 16×16 measured best or equal best: its kc×16 B micro-panel (16 KiB) stays in L1 with room for the A stream,
/// and 16 divides 128, 400 and 784, the sizes of the VAE. With 16 ymm registers, 6×16 keeps 12 accumulators +
/// 2 B vectors + 1 broadcast (the usual AVX2 choice). With NEON's 32 registers, 8×8 keeps 16 accumulators.
/// </remarks>
internal static unsafe class SgemmMicroKernel
{
    /// <summary>C[16×16] (+)= A panel (kc×16) · B panel (kc×16), AVX-512.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector512Tile16x16(int kc, float* a, float* b, float* c, nint ldc, bool add)
    {
        Vector512<float> c00 = default;
        Vector512<float> c10 = default;
        Vector512<float> c20 = default;
        Vector512<float> c30 = default;
        Vector512<float> c40 = default;
        Vector512<float> c50 = default;
        Vector512<float> c60 = default;
        Vector512<float> c70 = default;
        Vector512<float> c80 = default;
        Vector512<float> c90 = default;
        Vector512<float> c100 = default;
        Vector512<float> c110 = default;
        Vector512<float> c120 = default;
        Vector512<float> c130 = default;
        Vector512<float> c140 = default;
        Vector512<float> c150 = default;
        for (int p = 0; p < kc; p++, a += 16, b += 16)
        {
            var b0 = Vector512.Load(b + 0);
            var a0 = Vector512.Create(a[0]); c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00);
            var a1 = Vector512.Create(a[1]); c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10);
            var a2 = Vector512.Create(a[2]); c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20);
            var a3 = Vector512.Create(a[3]); c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30);
            var a4 = Vector512.Create(a[4]); c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40);
            var a5 = Vector512.Create(a[5]); c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50);
            var a6 = Vector512.Create(a[6]); c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60);
            var a7 = Vector512.Create(a[7]); c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70);
            var a8 = Vector512.Create(a[8]); c80 = Avx512F.FusedMultiplyAdd(a8, b0, c80);
            var a9 = Vector512.Create(a[9]); c90 = Avx512F.FusedMultiplyAdd(a9, b0, c90);
            var a10 = Vector512.Create(a[10]); c100 = Avx512F.FusedMultiplyAdd(a10, b0, c100);
            var a11 = Vector512.Create(a[11]); c110 = Avx512F.FusedMultiplyAdd(a11, b0, c110);
            var a12 = Vector512.Create(a[12]); c120 = Avx512F.FusedMultiplyAdd(a12, b0, c120);
            var a13 = Vector512.Create(a[13]); c130 = Avx512F.FusedMultiplyAdd(a13, b0, c130);
            var a14 = Vector512.Create(a[14]); c140 = Avx512F.FusedMultiplyAdd(a14, b0, c140);
            var a15 = Vector512.Create(a[15]); c150 = Avx512F.FusedMultiplyAdd(a15, b0, c150);
        }
        if (add)
        {
            c00 += Vector512.Load(c + 0 * ldc + 0);
            c10 += Vector512.Load(c + 1 * ldc + 0);
            c20 += Vector512.Load(c + 2 * ldc + 0);
            c30 += Vector512.Load(c + 3 * ldc + 0);
            c40 += Vector512.Load(c + 4 * ldc + 0);
            c50 += Vector512.Load(c + 5 * ldc + 0);
            c60 += Vector512.Load(c + 6 * ldc + 0);
            c70 += Vector512.Load(c + 7 * ldc + 0);
            c80 += Vector512.Load(c + 8 * ldc + 0);
            c90 += Vector512.Load(c + 9 * ldc + 0);
            c100 += Vector512.Load(c + 10 * ldc + 0);
            c110 += Vector512.Load(c + 11 * ldc + 0);
            c120 += Vector512.Load(c + 12 * ldc + 0);
            c130 += Vector512.Load(c + 13 * ldc + 0);
            c140 += Vector512.Load(c + 14 * ldc + 0);
            c150 += Vector512.Load(c + 15 * ldc + 0);
        }
        Vector512.Store(c00, c + 0 * ldc + 0);
        Vector512.Store(c10, c + 1 * ldc + 0);
        Vector512.Store(c20, c + 2 * ldc + 0);
        Vector512.Store(c30, c + 3 * ldc + 0);
        Vector512.Store(c40, c + 4 * ldc + 0);
        Vector512.Store(c50, c + 5 * ldc + 0);
        Vector512.Store(c60, c + 6 * ldc + 0);
        Vector512.Store(c70, c + 7 * ldc + 0);
        Vector512.Store(c80, c + 8 * ldc + 0);
        Vector512.Store(c90, c + 9 * ldc + 0);
        Vector512.Store(c100, c + 10 * ldc + 0);
        Vector512.Store(c110, c + 11 * ldc + 0);
        Vector512.Store(c120, c + 12 * ldc + 0);
        Vector512.Store(c130, c + 13 * ldc + 0);
        Vector512.Store(c140, c + 14 * ldc + 0);
        Vector512.Store(c150, c + 15 * ldc + 0);
    }

    /// <summary>C[6×16] (+)= A panel (kc×6) · B panel (kc×16), AVX2 + FMA3.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector256Tile6x16(int kc, float* a, float* b, float* c, nint ldc, bool add)
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++, a += 6, b += 16)
        {
            var b0 = Vector256.Load(b + 0); var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]); c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]); c10 = Fma.MultiplyAdd(a1, b0, c10); c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]); c20 = Fma.MultiplyAdd(a2, b0, c20); c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]); c30 = Fma.MultiplyAdd(a3, b0, c30); c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]); c40 = Fma.MultiplyAdd(a4, b0, c40); c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]); c50 = Fma.MultiplyAdd(a5, b0, c50); c51 = Fma.MultiplyAdd(a5, b1, c51);
        }
        if (add)
        {
            c00 += Vector256.Load(c + 0 * ldc + 0); c01 += Vector256.Load(c + 0 * ldc + 8);
            c10 += Vector256.Load(c + 1 * ldc + 0); c11 += Vector256.Load(c + 1 * ldc + 8);
            c20 += Vector256.Load(c + 2 * ldc + 0); c21 += Vector256.Load(c + 2 * ldc + 8);
            c30 += Vector256.Load(c + 3 * ldc + 0); c31 += Vector256.Load(c + 3 * ldc + 8);
            c40 += Vector256.Load(c + 4 * ldc + 0); c41 += Vector256.Load(c + 4 * ldc + 8);
            c50 += Vector256.Load(c + 5 * ldc + 0); c51 += Vector256.Load(c + 5 * ldc + 8);
        }
        Vector256.Store(c00, c + 0 * ldc + 0); Vector256.Store(c01, c + 0 * ldc + 8);
        Vector256.Store(c10, c + 1 * ldc + 0); Vector256.Store(c11, c + 1 * ldc + 8);
        Vector256.Store(c20, c + 2 * ldc + 0); Vector256.Store(c21, c + 2 * ldc + 8);
        Vector256.Store(c30, c + 3 * ldc + 0); Vector256.Store(c31, c + 3 * ldc + 8);
        Vector256.Store(c40, c + 4 * ldc + 0); Vector256.Store(c41, c + 4 * ldc + 8);
        Vector256.Store(c50, c + 5 * ldc + 0); Vector256.Store(c51, c + 5 * ldc + 8);
    }

    /// <summary>C[8×8] (+)= A panel (kc×8) · B panel (kc×8), NEON on ARM64 (or SSE + FMA3 when forced on x64).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Vector128Tile8x8(int kc, float* a, float* b, float* c, nint ldc, bool add)
    {
        Vector128<float> c00 = default, c01 = default;
        Vector128<float> c10 = default, c11 = default;
        Vector128<float> c20 = default, c21 = default;
        Vector128<float> c30 = default, c31 = default;
        Vector128<float> c40 = default, c41 = default;
        Vector128<float> c50 = default, c51 = default;
        Vector128<float> c60 = default, c61 = default;
        Vector128<float> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++, a += 8, b += 8)
        {
            var b0 = Vector128.Load(b + 0); var b1 = Vector128.Load(b + 4);
            var a0 = Vector128.Create(a[0]); c00 = MultiplyAdd(a0, b0, c00); c01 = MultiplyAdd(a0, b1, c01);
            var a1 = Vector128.Create(a[1]); c10 = MultiplyAdd(a1, b0, c10); c11 = MultiplyAdd(a1, b1, c11);
            var a2 = Vector128.Create(a[2]); c20 = MultiplyAdd(a2, b0, c20); c21 = MultiplyAdd(a2, b1, c21);
            var a3 = Vector128.Create(a[3]); c30 = MultiplyAdd(a3, b0, c30); c31 = MultiplyAdd(a3, b1, c31);
            var a4 = Vector128.Create(a[4]); c40 = MultiplyAdd(a4, b0, c40); c41 = MultiplyAdd(a4, b1, c41);
            var a5 = Vector128.Create(a[5]); c50 = MultiplyAdd(a5, b0, c50); c51 = MultiplyAdd(a5, b1, c51);
            var a6 = Vector128.Create(a[6]); c60 = MultiplyAdd(a6, b0, c60); c61 = MultiplyAdd(a6, b1, c61);
            var a7 = Vector128.Create(a[7]); c70 = MultiplyAdd(a7, b0, c70); c71 = MultiplyAdd(a7, b1, c71);
        }
        if (add)
        {
            c00 += Vector128.Load(c + 0 * ldc + 0); c01 += Vector128.Load(c + 0 * ldc + 4);
            c10 += Vector128.Load(c + 1 * ldc + 0); c11 += Vector128.Load(c + 1 * ldc + 4);
            c20 += Vector128.Load(c + 2 * ldc + 0); c21 += Vector128.Load(c + 2 * ldc + 4);
            c30 += Vector128.Load(c + 3 * ldc + 0); c31 += Vector128.Load(c + 3 * ldc + 4);
            c40 += Vector128.Load(c + 4 * ldc + 0); c41 += Vector128.Load(c + 4 * ldc + 4);
            c50 += Vector128.Load(c + 5 * ldc + 0); c51 += Vector128.Load(c + 5 * ldc + 4);
            c60 += Vector128.Load(c + 6 * ldc + 0); c61 += Vector128.Load(c + 6 * ldc + 4);
            c70 += Vector128.Load(c + 7 * ldc + 0); c71 += Vector128.Load(c + 7 * ldc + 4);
        }
        Vector128.Store(c00, c + 0 * ldc + 0); Vector128.Store(c01, c + 0 * ldc + 4);
        Vector128.Store(c10, c + 1 * ldc + 0); Vector128.Store(c11, c + 1 * ldc + 4);
        Vector128.Store(c20, c + 2 * ldc + 0); Vector128.Store(c21, c + 2 * ldc + 4);
        Vector128.Store(c30, c + 3 * ldc + 0); Vector128.Store(c31, c + 3 * ldc + 4);
        Vector128.Store(c40, c + 4 * ldc + 0); Vector128.Store(c41, c + 4 * ldc + 4);
        Vector128.Store(c50, c + 5 * ldc + 0); Vector128.Store(c51, c + 5 * ldc + 4);
        Vector128.Store(c60, c + 6 * ldc + 0); Vector128.Store(c61, c + 6 * ldc + 4);
        Vector128.Store(c70, c + 7 * ldc + 0); Vector128.Store(c71, c + 7 * ldc + 4);
    }

    /// <summary>C[4×4] (+)= A panel (kc×4) · B panel (kc×4), scalar fused multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ScalarTile4x4(int kc, float* a, float* b, float* c, nint ldc, bool add)
    {
        float c00 = 0f, c01 = 0f, c02 = 0f, c03 = 0f;
        float c10 = 0f, c11 = 0f, c12 = 0f, c13 = 0f;
        float c20 = 0f, c21 = 0f, c22 = 0f, c23 = 0f;
        float c30 = 0f, c31 = 0f, c32 = 0f, c33 = 0f;
        for (int p = 0; p < kc; p++, a += 4, b += 4)
        {
            float b0 = b[0]; float b1 = b[1]; float b2 = b[2]; float b3 = b[3];
            float a0 = a[0]; c00 = MathF.FusedMultiplyAdd(a0, b0, c00); c01 = MathF.FusedMultiplyAdd(a0, b1, c01); c02 = MathF.FusedMultiplyAdd(a0, b2, c02); c03 = MathF.FusedMultiplyAdd(a0, b3, c03);
            float a1 = a[1]; c10 = MathF.FusedMultiplyAdd(a1, b0, c10); c11 = MathF.FusedMultiplyAdd(a1, b1, c11); c12 = MathF.FusedMultiplyAdd(a1, b2, c12); c13 = MathF.FusedMultiplyAdd(a1, b3, c13);
            float a2 = a[2]; c20 = MathF.FusedMultiplyAdd(a2, b0, c20); c21 = MathF.FusedMultiplyAdd(a2, b1, c21); c22 = MathF.FusedMultiplyAdd(a2, b2, c22); c23 = MathF.FusedMultiplyAdd(a2, b3, c23);
            float a3 = a[3]; c30 = MathF.FusedMultiplyAdd(a3, b0, c30); c31 = MathF.FusedMultiplyAdd(a3, b1, c31); c32 = MathF.FusedMultiplyAdd(a3, b2, c32); c33 = MathF.FusedMultiplyAdd(a3, b3, c33);
        }
        if (add)
        {
            c00 += c[0 * ldc + 0]; c01 += c[0 * ldc + 1]; c02 += c[0 * ldc + 2]; c03 += c[0 * ldc + 3];
            c10 += c[1 * ldc + 0]; c11 += c[1 * ldc + 1]; c12 += c[1 * ldc + 2]; c13 += c[1 * ldc + 3];
            c20 += c[2 * ldc + 0]; c21 += c[2 * ldc + 1]; c22 += c[2 * ldc + 2]; c23 += c[2 * ldc + 3];
            c30 += c[3 * ldc + 0]; c31 += c[3 * ldc + 1]; c32 += c[3 * ldc + 2]; c33 += c[3 * ldc + 3];
        }
        c[0 * ldc + 0] = c00; c[0 * ldc + 1] = c01; c[0 * ldc + 2] = c02; c[0 * ldc + 3] = c03;
        c[1 * ldc + 0] = c10; c[1 * ldc + 1] = c11; c[1 * ldc + 2] = c12; c[1 * ldc + 3] = c13;
        c[2 * ldc + 0] = c20; c[2 * ldc + 1] = c21; c[2 * ldc + 2] = c22; c[2 * ldc + 3] = c23;
        c[3 * ldc + 0] = c30; c[3 * ldc + 1] = c31; c[3 * ldc + 2] = c32; c[3 * ldc + 3] = c33;
    }

    // a·b + c rounded once: fmla on ARM64, vfmadd on x64 (the 128-bit path runs on x64 only when forced by tests).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> MultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c)
        => AdvSimd.IsSupported ? AdvSimd.FusedMultiplyAdd(c, a, b) : Fma.MultiplyAdd(a, b, c);
}
