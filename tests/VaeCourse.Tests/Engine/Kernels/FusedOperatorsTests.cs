using MiniTorch.Kernels;

namespace VaeCourse.Tests.Engine.Kernels;

/// <summary>Operators of the fused ops, against their scalar paths and against the unfused operators they replace.</summary>
public class FusedOperatorsTests
{
    private static float[] Probabilities(int seed)
    {
        var random = new System.Random(seed);
        float[] edges = { 0f, 1f, 1e-7f, 1f - 6e-8f, 0.5f, 1e-30f };
        return Enumerable.Range(0, 96).Select(i => i % 4 == 0 ? edges[i / 4 % edges.Length] : (float)random.NextDouble()).ToArray();
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0.37f)]
    [InlineData(-2.5f)]
    public void Scaled_bce_gradient_vector_paths_match_its_scalar_path(float scale) =>
        OperatorHarness.CheckBinary(new BceGradScaledOp(scale), "BceGradScaledOp", Probabilities(1), Probabilities(2));

    [Theory]
    [InlineData(1f)]
    [InlineData(0.37f)]
    public void Scaled_bce_gradient_is_the_bce_gradient_then_the_scale_as_the_unfused_ops_compute_it(float scale)
    {
        float[] x = Probabilities(3), t = Probabilities(4);
        for (int n = 1; n <= 96; n++)
        {
            var fused = new float[n];
            var unfused = new float[n];
            Simd.Binary(new BceGradScaledOp(scale), x.AsSpan(0, n), t.AsSpan(0, n), fused);
            Simd.Binary(new BceGradOp(), x.AsSpan(0, n), t.AsSpan(0, n), unfused);
            Simd.Unary(new AffineOp(scale, 0f), unfused, unfused);
            Assert.Equal(unfused.Select(BitConverter.SingleToInt32Bits), fused.Select(BitConverter.SingleToInt32Bits));
        }
    }
}
