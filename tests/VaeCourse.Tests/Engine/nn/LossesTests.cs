using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;
using static MiniTorch.torch.nn;

namespace VaeCourse.Tests.Engine.Nn;

/// <summary>binary_cross_entropy and binary_cross_entropy_with_logits: values by formula, gradients, edges, errors.</summary>
public class LossesTests
{
    private static readonly long[] Shape = { 3, 4 };
    private static Tensor Probabilities(int seed) => TestTensors.Uniform(Shape, 0.1, 0.9, seed);
    // Soft targets (grey pixels), as a VAE on MNIST sees them.
    private static Tensor Targets(int seed) => TestTensors.Uniform(Shape, 0, 1, seed);
    private static Tensor Weights(int seed) => TestTensors.Uniform(Shape, 0.5, 2, seed);

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Bce_gradient(Reduction reduction)
    {
        var target = Targets(2);
        GradCheck.Verify(t => functional.binary_cross_entropy(t[0], target, reduction: reduction), new[] { Probabilities(1) }, h: 1e-3);
    }

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Bce_with_weight_gradient(Reduction reduction)
    {
        var target = Targets(4);
        var weight = Weights(5);
        GradCheck.Verify(t => functional.binary_cross_entropy(t[0], target, weight, reduction), new[] { Probabilities(3) }, h: 1e-3);
    }

    [Fact]
    public void Bce_after_sigmoid_gradient() =>
        GradCheck.Verify(t => functional.binary_cross_entropy(t[0].sigmoid(), tensor(new float[] { 0, 1, 0.5f, 0.2f })),
            new[] { TestTensors.Uniform(new long[] { 4 }, -3, 3, seed: 6) });

    [Theory]
    [InlineData(Reduction.Mean)]
    [InlineData(Reduction.Sum)]
    [InlineData(Reduction.None)]
    public void Bce_with_logits_gradient(Reduction reduction)
    {
        var target = Targets(8);
        var weight = Weights(9);
        // A smooth loss summing to ≈ 10: a larger h keeps the round-off of the sum (≈ 1e-6 / 2h) small.
        GradCheck.Verify(t => functional.binary_cross_entropy_with_logits(t[0], target, reduction: reduction),
            new[] { TestTensors.Uniform(Shape, -6, 6, seed: 7) }, h: 3e-2);
        GradCheck.Verify(t => functional.binary_cross_entropy_with_logits(t[0], target, weight, reduction),
            new[] { TestTensors.Uniform(Shape, -6, 6, seed: 10) }, h: 3e-2);
    }

    [Fact]
    public void Bce_values_match_the_formula_with_weights_and_every_reduction()
    {
        float[] x = Probabilities(11).ToArray(), t = Targets(12).ToArray(), w = Weights(13).ToArray();
        double[] expected = x.Select((xi, i) => -w[i] * (t[i] * Math.Log(xi) + (1 - t[i]) * Math.Log(1 - xi))).ToArray();
        Tensor X = tensor(x, Shape), T = tensor(t, Shape), W = tensor(w, Shape);

        float[] none = functional.binary_cross_entropy(X, T, W, Reduction.None).ToArray();
        for (int i = 0; i < x.Length; i++) Assert.Equal(expected[i], none[i], 1e-5);
        Assert.Equal(expected.Sum(), functional.binary_cross_entropy(X, T, W, Reduction.Sum).item<float>(), 1e-4);
        Assert.Equal(expected.Average(), functional.binary_cross_entropy(X, T, W).item<float>(), 1e-5);

        double unweighted = x.Select((xi, i) => -(t[i] * Math.Log(xi) + (1 - t[i]) * Math.Log(1 - xi))).Average();
        Assert.Equal(unweighted, functional.binary_cross_entropy(X, T).item<float>(), 1e-5);
    }

    [Fact]
    public void Bce_clamps_the_log_at_minus_100()
    {
        // Wrong with certainty: log 0 is clamped to −100, so the loss is exactly 100 per element, never ∞.
        var x = tensor(new float[] { 0, 1, 0, 1 });
        var t = tensor(new float[] { 1, 0, 0.5f, 0.25f });
        var x2 = tensor(new float[] { 0, 1, 0, 1 });
        float[] loss = functional.binary_cross_entropy(x, t, reduction: Reduction.None).ToArray();
        Assert.Equal(100f, loss[0]);
        Assert.Equal(100f, loss[1]);
        Assert.Equal(50f, loss[2]);     // −(0.5·(−100) + 0.5·log 1)
        Assert.Equal(75f, loss[3]);     // −(0.25·log 1 + 0.75·(−100))
        // Right with certainty: 0·(−100) stays 0 (no 0·∞ = NaN).
        float[] right = functional.binary_cross_entropy(x2, tensor(new float[] { 0, 1, 0, 1 }), reduction: Reduction.None).ToArray();
        Assert.Equal(new float[] { 0, 0, 0, 0 }, right);

        var input = tensor(new float[] { 0, 1, 0.5f }, requires_grad: true);
        functional.binary_cross_entropy(input, tensor(new float[] { 1, 0, 1 })).backward();
        Assert.All(input.grad!.ToArray(), g => Assert.True(float.IsFinite(g), $"gradient {g}"));
    }

    [Fact]
    public void Bce_with_logits_values_match_the_formula_and_stay_finite()
    {
        float[] z = { -100f, -30f, -5f, -0.5f, 0f, 0.5f, 5f, 30f, 100f };
        float[] t = { 1f, 0f, 0.3f, 1f, 0.5f, 0f, 1f, 1f, 0f };
        float[] loss = functional.binary_cross_entropy_with_logits(tensor(z), tensor(t), reduction: Reduction.None).ToArray();
        for (int i = 0; i < z.Length; i++)
        {
            // max(z,0) − z·t + log(1 + e^−|z|)
            double expected = Math.Max(z[i], 0) - z[i] * t[i] + ReferenceMath.Log1P(Math.Exp(-Math.Abs(z[i])));
            Assert.True(float.IsFinite(loss[i]), $"loss at z={z[i]}: {loss[i]}");
            Assert.True(Math.Abs(loss[i] - expected) <= 1e-6 * Math.Abs(expected) + 1e-30,
                $"z={z[i]}, t={t[i]}: {loss[i]:R}, expected {expected:R}");
        }
    }

    [Fact]
    public void Bce_with_logits_equals_bce_of_sigmoid_in_the_safe_range()
    {
        var z = TestTensors.Uniform(Shape, -4, 4, seed: 14);
        var t = Targets(15);
        float viaLogits = functional.binary_cross_entropy_with_logits(z, t).item<float>();
        float viaSigmoid = functional.binary_cross_entropy(z.sigmoid(), t).item<float>();
        Assert.Equal(viaSigmoid, viaLogits, 1e-5);
    }

    [Fact]
    public void Bce_rejects_probabilities_outside_0_1_and_mismatched_shapes()
    {
        Assert.Equal("binary_cross_entropy: all elements of input should be between 0 and 1, found 1.5 at flat index 1",
            Assert.Throws<ArgumentException>(() => functional.binary_cross_entropy(tensor(new[] { 0.5f, 1.5f }), zeros(2))).Message);
        Assert.Equal("binary_cross_entropy: all elements of input should be between 0 and 1, found NaN at flat index 0",
            Assert.Throws<ArgumentException>(() => functional.binary_cross_entropy(tensor(new[] { float.NaN }), zeros(1))).Message);
        Assert.Equal("binary_cross_entropy: input (2,3) and target (6): shapes differ",
            Assert.Throws<ArgumentException>(() => functional.binary_cross_entropy(zeros(2, 3), zeros(6))).Message);
        Assert.Equal("binary_cross_entropy: weight (3) must have the input's shape (2,3)",
            Assert.Throws<ArgumentException>(() => functional.binary_cross_entropy(zeros(2, 3), zeros(2, 3), zeros(3))).Message);
        Assert.Equal("binary_cross_entropy_with_logits: input (4) and target (2,2): shapes differ",
            Assert.Throws<ArgumentException>(() => functional.binary_cross_entropy_with_logits(zeros(4), zeros(2, 2))).Message);
    }
}
