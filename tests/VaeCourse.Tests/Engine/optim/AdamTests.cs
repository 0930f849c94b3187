using MiniTorch;
using MiniTorch.Modules;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Optim;

/// <summary>Adam's first steps recomputed by hand in double with PyTorch's update (bias-corrected moments).</summary>
public class AdamTests
{
    private static readonly double[] Start = { 0.5, -1.0, 2.0 };
    private static readonly double[][] Gradients = { new[] { 0.1, -0.2, 3.0 }, new[] { -0.05, -0.4, 1.0 }, new[] { 0.3, 0.0, -2.0 } };

    /// <summary>torch.optim.Adam, element by element: what the engine must reproduce.</summary>
    private static double[] Reference(double lr, double beta1, double beta2, double eps, double weightDecay, int steps, bool amsgrad = false)
    {
        double[] p = (double[])Start.Clone();
        var m = new double[p.Length];
        var v = new double[p.Length];
        var vMax = new double[p.Length];
        for (int t = 1; t <= steps; t++)
            for (int i = 0; i < p.Length; i++)
            {
                double g = Gradients[t - 1][i] + weightDecay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                vMax[i] = Math.Max(vMax[i], v[i]);
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.Pow(beta2, t));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        return p;
    }

    private static float[] Run(int steps, double lr = 0.01, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, bool amsgrad = false)
    {
        var p = new Parameter(tensor(Start.Select(v => (float)v).ToArray()));
        var opt = optim.Adam(new[] { p }, lr: lr, beta1: beta1, beta2: beta2, eps: eps, weight_decay: weightDecay, amsgrad: amsgrad);
        for (int t = 0; t < steps; t++)
        {
            p.grad = tensor(Gradients[t].Select(v => (float)v).ToArray());
            opt.step();
        }
        return p.ToArray();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Steps_match_the_hand_computed_update(int steps) =>
        AssertClose(Reference(0.01, 0.9, 0.999, 1e-8, 0, steps), Run(steps));

    [Fact]
    public void The_first_step_moves_every_coordinate_by_about_lr()
    {
        // With bias correction the first step is lr·g/|g| (up to ε); without it, it would be 0.1/√0.001 ≈ 3.16·lr.
        float[] p = Run(1, lr: 0.01);
        for (int i = 0; i < p.Length; i++) Assert.Equal(0.01, Math.Abs(p[i] - Start[i]), 1e-5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Weight_decay_is_added_to_the_gradient(int steps) =>
        AssertClose(Reference(0.05, 0.9, 0.999, 1e-8, 0.1, steps), Run(steps, lr: 0.05, weightDecay: 0.1));

    [Fact]
    public void Other_betas_and_eps_and_amsgrad()
    {
        AssertClose(Reference(0.1, 0.5, 0.9, 1e-3, 0, 3), Run(3, lr: 0.1, beta1: 0.5, beta2: 0.9, eps: 1e-3));
        AssertClose(Reference(0.1, 0.5, 0.9, 1e-3, 0, 3, amsgrad: true), Run(3, lr: 0.1, beta1: 0.5, beta2: 0.9, eps: 1e-3, amsgrad: true));
    }

    [Fact]
    public void Parameters_without_gradient_are_left_alone()
    {
        var a = new Parameter(tensor(new float[] { 1, 2 }));
        var b = new Parameter(tensor(new float[] { 3, 4 }));
        var opt = optim.Adam(new[] { a, b }, lr: 0.1);
        a.grad = tensor(new float[] { 1, 1 });
        opt.step();
        Assert.Equal(new float[] { 3, 4 }, b.ToArray());
        Assert.NotEqual(new float[] { 1, 2 }, a.ToArray());
        opt.zero_grad();
        Assert.Null(a.grad);
    }

    [Fact]
    public void Each_parameter_counts_its_own_steps_for_bias_correction()
    {
        // As torch.optim.Adam's per-parameter state['step']: b gets its first gradient at the optimizer's second step,
        // so its update is a first step (≈ lr), not one bias-corrected for t = 2 (≈ 0.74·lr).
        var a = new Parameter(tensor(new float[] { 1 }));
        var b = new Parameter(tensor(new float[] { 1 }));
        var opt = optim.Adam(new[] { a, b }, lr: 0.1);
        a.grad = tensor(new float[] { 1 });
        opt.step();
        b.grad = tensor(new float[] { 0.5f });
        opt.step();
        Assert.Equal(0.9, b.ToArray()[0], 1e-6);
        Assert.Equal(2, opt.StepCount);
    }

    [Fact]
    public void Invalid_hyperparameters_are_rejected()
    {
        var p = new[] { new Parameter(zeros(1)) };
        Assert.Equal("Adam: invalid learning rate -1", Assert.Throws<ArgumentException>(() => optim.Adam(p, lr: -1)).Message);
        Assert.Equal("Adam: betas must be in [0,1), got (1, 0.999)", Assert.Throws<ArgumentException>(() => optim.Adam(p, beta1: 1)).Message);
        Assert.Equal("Adam: optimizer got an empty parameter list", Assert.Throws<ArgumentException>(() => optim.Adam(Array.Empty<Parameter>())).Message);
    }

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-6 * Math.Max(1, Math.Abs(expected[i])),
                $"coordinate {i}: {actual[i]:R}, expected {expected[i]:R}");
    }
}
