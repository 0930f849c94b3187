using MiniTorch;
using MiniTorch.Modules;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Optim;

/// <summary>step() updates all parameters' elements on several threads; the result must not depend on how many.</summary>
[Collection(GlobalStateCollection.Name)]
public class ParallelStepTests
{
    // Sizes that straddle the per-thread split: one parameter is cut between threads, the others are not.
    private static Parameter[] Parameters() =>
    [
        new Parameter(randn(300, 400)), new Parameter(randn(400)), new Parameter(randn(77, 31)), new Parameter(randn(50_000)),
    ];

    private static float[][] Train(int threads, Func<IEnumerable<Parameter>, torch.optim.Optimizer> optimizer)
    {
        int saved = get_num_threads();
        try
        {
            set_num_threads(threads);
            manual_seed(21);
            Parameter[] ps = Parameters();
            var opt = optimizer(ps);
            for (int step = 0; step < 4; step++)
            {
                // Parameter 2 gets no gradient at step 1: it must be skipped, not updated with a stale one.
                for (int i = 0; i < ps.Length; i++) ps[i].grad = step == 1 && i == 2 ? null : randn(ps[i].shape);
                opt.step();
            }
            return ps.Select(p => p.ToArray()).ToArray();
        }
        finally
        {
            set_num_threads(saved);
        }
    }

    public static TheoryData<string> Optimizers => new() { "adam", "adam-amsgrad-decay", "sgd-momentum", "sgd-nesterov" };

    private static Func<IEnumerable<Parameter>, torch.optim.Optimizer> Make(string name) => name switch
    {
        "adam" => ps => optim.Adam(ps, lr: 0.01),
        "adam-amsgrad-decay" => ps => optim.Adam(ps, lr: 0.01, weight_decay: 0.1, amsgrad: true),
        "sgd-momentum" => ps => optim.SGD(ps, 0.05, momentum: 0.9, dampening: 0.1),
        _ => ps => optim.SGD(ps, 0.05, momentum: 0.9, nesterov: true),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void One_two_and_three_threads_give_bitwise_the_same_parameters(string name)
    {
        float[][] one = Train(1, Make(name)), two = Train(2, Make(name)), three = Train(3, Make(name));
        for (int i = 0; i < one.Length; i++)
        {
            Assert.Equal(one[i].Select(BitConverter.SingleToInt32Bits), two[i].Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(one[i].Select(BitConverter.SingleToInt32Bits), three[i].Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void A_parameter_cut_between_threads_is_updated_as_element_by_element_adam()
    {
        // Plain Adam on one large parameter, against the update written out per element in double.
        int saved = get_num_threads();
        try
        {
            set_num_threads(2);
            var p = new Parameter(full(new long[] { 100_000 }, 1f));
            float[] g = Enumerable.Range(0, 100_000).Select(i => (float)Math.Sin(i)).ToArray();
            var opt = optim.Adam([p], lr: 0.1);
            p.grad = tensor(g);
            opt.step();
            float[] result = p.ToArray();
            for (int i = 0; i < g.Length; i += 997)
            {
                // Step 1: m̂ = g, v̂ = g², so p ← p − lr·g/(|g| + ε).
                double expected = 1 - 0.1 * g[i] / (Math.Abs(g[i]) + 1e-8);
                Assert.Equal(expected, result[i], 5);
            }
        }
        finally
        {
            set_num_threads(saved);
        }
    }
}
