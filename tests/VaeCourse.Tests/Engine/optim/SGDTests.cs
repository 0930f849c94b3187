using MiniTorch;
using MiniTorch.Modules;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Optim;

/// <summary>SGD with momentum (and its variants) two steps by hand, as torch.optim.SGD defines them.</summary>
public class SGDTests
{
    private static readonly float[] Start = { 1f, -2f };
    private static readonly float[] G1 = { 0.5f, -1f }, G2 = { 0.25f, 2f };

    private static float[] TwoSteps(double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
    {
        var p = new Parameter(tensor(Start));
        var opt = optim.SGD(new[] { p }, lr, momentum, dampening, weightDecay, nesterov);
        p.grad = tensor(G1);
        opt.step();
        p.grad = tensor(G2);
        opt.step();
        return p.ToArray();
    }

    [Fact]
    public void Momentum_two_steps_by_hand()
    {
        // b₁ = g₁; p₁ = p₀ − lr·b₁; b₂ = μ·b₁ + g₂; p₂ = p₁ − lr·b₂.
        double lr = 0.1, mu = 0.9;
        float[] actual = TwoSteps(lr, mu);
        for (int i = 0; i < 2; i++)
        {
            double b1 = G1[i], p1 = Start[i] - lr * b1;
            double b2 = mu * b1 + G2[i], p2 = p1 - lr * b2;
            Assert.Equal(p2, actual[i], 1e-6);
        }
    }

    [Fact]
    public void Plain_sgd_two_steps_by_hand()
    {
        float[] actual = TwoSteps(0.5);
        for (int i = 0; i < 2; i++) Assert.Equal(Start[i] - 0.5 * G1[i] - 0.5 * G2[i], actual[i], 1e-6);
    }

    [Fact]
    public void Dampening_weight_decay_and_nesterov_by_hand()
    {
        double lr = 0.1, mu = 0.8, tau = 0.3, wd = 0.05;
        float[] damped = TwoSteps(lr, mu, tau, wd);
        float[] nesterov = TwoSteps(lr, mu, 0, wd, nesterov: true);
        for (int i = 0; i < 2; i++)
        {
            // Dampening applies from the second step on (the buffer starts as the first gradient).
            double g1 = G1[i] + wd * Start[i], b1 = g1, p1 = Start[i] - lr * b1;
            double g2 = G2[i] + wd * p1, b2 = mu * b1 + (1 - tau) * g2, p2 = p1 - lr * b2;
            Assert.Equal(p2, damped[i], 1e-6);

            // Nesterov: step with g + μ·b.
            double n1 = Start[i] - lr * (g1 + mu * g1);
            double ng2 = G2[i] + wd * n1, nb2 = mu * g1 + ng2, n2 = n1 - lr * (ng2 + mu * nb2);
            Assert.Equal(n2, nesterov[i], 1e-6);
        }
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        var p = new[] { new Parameter(zeros(1)) };
        Assert.Equal("SGD: invalid learning rate -0.1", Assert.Throws<ArgumentException>(() => optim.SGD(p, -0.1)).Message);
        Assert.Equal("SGD: Nesterov momentum requires a momentum and zero dampening",
            Assert.Throws<ArgumentException>(() => optim.SGD(p, 0.1, nesterov: true)).Message);
    }
}
