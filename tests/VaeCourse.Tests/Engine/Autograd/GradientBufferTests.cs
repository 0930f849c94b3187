using MiniTorch;
using MiniTorch.Memory;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Autograd;

/// <summary>Autograd hands dead gradient buffers back to the pool; these tests check it never hands back a live one.</summary>
[Collection(GlobalStateCollection.Name)]
public class GradientBufferTests
{
    public GradientBufferTests() => BufferPool.Clear();

    [Fact]
    public void Intermediate_gradients_go_back_to_the_pool_once_their_node_ran()
    {
        var x = full(new long[] { 40, 50 }, 0.5f, requires_grad: true);
        (x.exp() * 3f).relu().sum().backward();

        Assert.True(BufferPool.Statistics.Returns >= 1);
        Assert.All(x.grad!.ToArray(), g => Assert.Equal(3f * MathF.Exp(0.5f), g, 1e-5f));
    }

    [Fact]
    public void A_gradient_adopted_by_a_leaf_is_not_recycled()
    {
        // view and add hand their output's gradient buffer to an input without a copy; that buffer becomes w.grad.
        var w = full(new long[] { 40, 50 }, 1f, requires_grad: true);
        (w.view(2000) + zeros(2000)).sum().backward();
        float[] gradient = w.grad!.Data;

        using (NewDisposeScope())
            for (int i = 0; i < 5; i++)
                Assert.NotSame(gradient, (full(new long[] { 40, 50 }, 9f).exp() * 2f).Data);
        Assert.All(w.grad!.ToArray(), g => Assert.Equal(1f, g));
    }

    [Fact]
    public void A_tensor_used_twice_gets_both_contributions()
    {
        var x = full(new long[] { 40, 50 }, 2f, requires_grad: true);
        Tensor y = x + x;                         // the same buffer offered twice to one input
        ((y.view(-1) * 3f) + x.view(-1)).sum().backward();

        Assert.All(x.grad!.ToArray(), g => Assert.Equal(7f, g));
    }

    [Fact]
    public void A_second_backward_adds_into_existing_gradients_exactly()
    {
        manual_seed(11);
        var layer = nn.Linear(60, 70);
        var x = randn(new long[] { 50, 60 }, requires_grad: true);
        layer.forward(x).tanh().sum().backward();
        float[] weightOnce = layer.weight.grad!.ToArray(), inputOnce = x.grad!.ToArray();

        layer.forward(x).tanh().sum().backward();   // GEMM writes straight into the existing gradients

        Assert.Equal(weightOnce.Select(g => 2 * g), layer.weight.grad!.ToArray());
        Assert.Equal(inputOnce.Select(g => 2 * g), x.grad!.ToArray());
    }

    [Fact]
    public void Released_gradients_serve_the_next_backward_which_overwrites_them()
    {
        manual_seed(12);
        var layer = nn.Linear(60, 70);
        var optimizer = optim.Adam(layer.parameters());
        Tensor x = randn(50, 60);
        layer.forward(x).sum().backward();
        float[] weightGradient = layer.weight.grad!.Data;
        float[] expected = layer.weight.grad!.ToArray();

        optimizer.ReleaseGradients();
        Assert.Null(layer.weight.grad);
        layer.forward(x).sum().backward();

        Assert.Same(weightGradient, layer.weight.grad!.Data);       // the same array, from the pool
        Assert.Equal(expected, layer.weight.grad!.ToArray());       // overwritten, not added to the old values
    }

    [Fact]
    public void A_gradient_the_caller_assigned_is_dropped_but_never_pooled()
    {
        var p = new MiniTorch.Modules.Parameter(zeros(40, 50));
        Tensor mine = full(new long[] { 40, 50 }, 3f);
        p.grad = mine;
        optim.SGD([p], 0.1).ReleaseGradients();

        Assert.Null(p.grad);
        Assert.NotSame(mine.Data, BufferPool.Rent(2000));
        Assert.All(mine.ToArray(), v => Assert.Equal(3f, v));
    }

    [Fact]
    public void Training_steps_in_a_dispose_scope_allocate_no_large_arrays()
    {
        manual_seed(5);
        var model = nn.Sequential(nn.Linear(784, 400), nn.ReLU(), nn.Linear(400, 784), nn.Sigmoid());
        var optimizer = optim.Adam(model.parameters());
        Tensor images = rand(256, 784);

        void Step(int i)
        {
            using var scope = NewDisposeScope();
            Tensor x = images.index_select(0, tensor(Enumerable.Range(i % 2 * 128, 128).Select(r => (long)r).ToArray()));
            optimizer.zero_grad(set_to_none: false);
            nn.functional.binary_cross_entropy(model.forward(x), x, reduction: nn.Reduction.Sum).backward();
            optimizer.step();
        }

        for (int i = 0; i < 3; i++) Step(i);   // warm-up: gradients, Adam state, pool
        var pool = BufferPool.Statistics;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 3; i < 8; i++) Step(i);
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 5;

        // One (128,784) activation alone is 401 KB: a step that allocated any would be far above this.
        Assert.True(perStep < 64 * 1024, $"a training step allocated {perStep} bytes");
        var after = BufferPool.Statistics;
        Assert.True(after.Rents - pool.Rents >= 5 * 6, $"{after.Rents - pool.Rents} rents in 5 steps");
        Assert.Equal(after.Rents - pool.Rents, after.Reuses - pool.Reuses);   // every one served from the pool
    }
}
