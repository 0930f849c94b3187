using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine;

/// <summary>Tiny fits that only converge if forward, backward, Linear and the optimizers all work together.</summary>
[Collection(GlobalStateCollection.Name)]   // manual_seed then draws: no other test may draw in between
public class EndToEndTests
{
    [Fact]
    public void Two_layer_mlp_learns_xor_with_adam()
    {
        manual_seed(0);
        var x = tensor(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, new long[] { 4, 2 });
        var y = tensor(new float[] { 0, 1, 1, 0 }, new long[] { 4, 1 });
        var model = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1), nn.Sigmoid());
        var opt = optim.Adam(model.parameters(), lr: 0.05);
        float first = 0, last = 0;
        for (int step = 0; step < 500; step++)
        {
            opt.zero_grad();
            var loss = nn.functional.binary_cross_entropy(model.forward(x), y);
            if (step == 0) first = loss.item<float>();
            last = loss.item<float>();
            loss.backward();
            opt.step();
        }
        Assert.True(first > 0.5f, $"an untrained net should be near chance (BCE ≈ 0.69), got {first}");
        Assert.True(last < 0.05f, $"XOR should be fitted (BCE < 0.05), got {last}");
        using (no_grad())
        {
            float[] p = model.forward(x).ToArray();
            Assert.True(p[0] < 0.5f && p[1] > 0.5f && p[2] > 0.5f && p[3] < 0.5f, string.Join(",", p));
        }
    }

    [Fact]
    public void Linear_layer_recovers_a_linear_map_with_sgd_momentum()
    {
        manual_seed(1);
        var trueW = tensor(new float[] { 2f, -3f, 0.5f, 1f, 0f, -1f }, new long[] { 2, 3 });
        var trueB = tensor(new float[] { 0.25f, -0.75f });
        var x = randn(64, 3);
        var y = x.matmul(trueW.t()) + trueB;
        var layer = nn.Linear(3, 2);
        var opt = optim.SGD(layer.parameters(), learningRate: 0.1, momentum: 0.9);
        for (int step = 0; step < 300; step++)
        {
            opt.zero_grad();
            nn.functional.mse_loss(layer.forward(x), y).backward();
            opt.step();
        }
        float[] w = layer.weight.ToArray(), b = layer.bias!.ToArray();
        float[] tw = trueW.ToArray(), tb = trueB.ToArray();
        for (int i = 0; i < 6; i++) Assert.InRange(w[i], tw[i] - 1e-3f, tw[i] + 1e-3f);
        for (int i = 0; i < 2; i++) Assert.InRange(b[i], tb[i] - 1e-3f, tb[i] + 1e-3f);
    }
}
