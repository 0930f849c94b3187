using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>mm, matmul (1-D and 2-D operands) and functional.linear against a naive triple loop.</summary>
public class MatMulTests
{
    private static Tensor U(int seed, params long[] shape) => TestTensors.Uniform(shape, -1, 1, seed);

    [Fact] public void Mm_gradient() => GradCheck.Verify(t => t[0].mm(t[1]), new[] { U(1, 3, 4), U(2, 4, 5) });
    [Fact] public void Matmul_2d_gradient() => GradCheck.Verify(t => t[0].matmul(t[1]), new[] { U(3, 5, 2), U(4, 2, 3) });
    [Fact] public void Matmul_vector_matrix_gradient() => GradCheck.Verify(t => t[0].matmul(t[1]), new[] { U(5, 4), U(6, 4, 3) });
    [Fact] public void Matmul_matrix_vector_gradient() => GradCheck.Verify(t => t[0].matmul(t[1]), new[] { U(7, 3, 4), U(8, 4) });
    [Fact] public void Matmul_dot_product_gradient() => GradCheck.Verify(t => t[0].matmul(t[1]), new[] { U(9, 6), U(10, 6) });
    [Fact] public void Matmul_of_a_matrix_with_itself_transposed_gradient() => GradCheck.Verify(t => t[0].matmul(t[0].t()), new[] { U(11, 3, 4) });
    [Fact] public void Torch_mm_static_gradient() => GradCheck.Verify(t => torch.mm(t[0], t[1]), new[] { U(12, 2, 3), U(13, 3, 2) });

    [Fact]
    public void Linear_with_bias_gradient() =>
        GradCheck.Verify(t => nn.functional.linear(t[0], t[1], t[2]), new[] { U(14, 5, 4), U(15, 3, 4), U(16, 3) });

    [Fact]
    public void Linear_without_bias_gradient() =>
        GradCheck.Verify(t => nn.functional.linear(t[0], t[1]), new[] { U(17, 5, 4), U(18, 3, 4) });

    [Fact]
    public void Products_match_a_naive_triple_loop()
    {
        // Sizes that are not multiples of any vector width.
        var a = U(20, 7, 13);
        var b = U(21, 13, 9);
        AssertClose(Naive(a.ToArray(), b.ToArray(), 7, 13, 9), a.mm(b).ToArray());
        AssertClose(Naive(a.ToArray(), b.ToArray(), 7, 13, 9), a.matmul(b).ToArray());
        Assert.Equal(new long[] { 7, 9 }, a.mm(b).shape);

        var v = U(22, 13);
        AssertClose(Naive(v.ToArray(), b.ToArray(), 1, 13, 9), v.matmul(b).ToArray());
        Assert.Equal(new long[] { 9 }, v.matmul(b).shape);
        AssertClose(Naive(a.ToArray(), v.ToArray(), 7, 13, 1), a.matmul(v).ToArray());
        Assert.Equal(new long[] { 7 }, a.matmul(v).shape);
        AssertClose(Naive(v.ToArray(), v.ToArray(), 1, 13, 1), new[] { v.matmul(v).item<float>() });
        Assert.Equal(Array.Empty<long>(), v.matmul(v).shape);
    }

    [Fact]
    public void Linear_matches_x_times_w_transposed_plus_b()
    {
        var x = U(23, 6, 11);
        var w = U(24, 5, 11);
        var bias = U(25, 5);
        double[] expected = Naive(x.ToArray(), w.t().ToArray(), 6, 11, 5);
        float[] b = bias.ToArray();
        for (int i = 0; i < expected.Length; i++) expected[i] += b[i % 5];
        AssertClose(expected, nn.functional.linear(x, w, bias).ToArray());
        AssertClose(Naive(x.ToArray(), w.t().ToArray(), 6, 11, 5), nn.functional.linear(x, w).ToArray());
    }

    [Fact]
    public void Inner_dimension_mismatch_names_the_op_and_both_shapes()
    {
        Assert.Equal("matmul: (128,784) @ (400,20): inner dimensions 784 and 400 differ",
            Assert.Throws<ArgumentException>(() => zeros(128, 784).matmul(zeros(400, 20))).Message);
        Assert.Equal("mm: (2,3) @ (4,5): inner dimensions 3 and 4 differ",
            Assert.Throws<ArgumentException>(() => zeros(2, 3).mm(zeros(4, 5))).Message);
        Assert.Equal("matmul: (3) @ (4,2): inner dimensions 3 and 4 differ",
            Assert.Throws<ArgumentException>(() => zeros(3).matmul(zeros(4, 2))).Message);
        Assert.Equal("matmul: (2,3) @ (4): inner dimensions 3 and 4 differ",
            Assert.Throws<ArgumentException>(() => zeros(2, 3).matmul(zeros(4))).Message);
        Assert.Equal("mm: (3) @ (3,2): both operands must be 2-D",
            Assert.Throws<ArgumentException>(() => zeros(3).mm(zeros(3, 2))).Message);
        Assert.Equal("matmul: (2,2,2) @ (2,2): only 1-D and 2-D operands are supported",
            Assert.Throws<ArgumentException>(() => zeros(2, 2, 2).matmul(zeros(2, 2))).Message);
    }

    [Fact]
    public void Linear_shape_errors_name_the_shapes()
    {
        Assert.Equal("linear: (8,784) @ (400,780)ᵀ: inner dimensions 784 and 780 differ",
            Assert.Throws<ArgumentException>(() => nn.functional.linear(zeros(8, 784), zeros(400, 780))).Message);
        Assert.Equal("linear: bias must have shape (3), got (4)",
            Assert.Throws<ArgumentException>(() => nn.functional.linear(zeros(2, 5), zeros(3, 5), zeros(4))).Message);
        Assert.Equal("linear: input must be 2-D (batch,in_features), got (5)",
            Assert.Throws<ArgumentException>(() => nn.functional.linear(zeros(5), zeros(3, 5))).Message);
    }

    private static double[] Naive(float[] a, float[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += (double)a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
        return c;
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        // Float32 accumulation over k ≤ 13 terms of magnitude ≤ 1: a few 1e-7 at most.
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"element {i}: {actual[i]}, expected {expected[i]}");
    }
}
