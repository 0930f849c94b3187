using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Autograd;

/// <summary>backward(): seeding, accumulation, graph release, retain_graph, and its errors.</summary>
public class BackwardTests
{
    [Fact]
    public void Backward_from_a_non_scalar_needs_an_explicit_gradient()
    {
        var x = ones(new long[] { 2, 3 }, requires_grad: true);
        var y = x * 2;
        var error = Assert.Throws<ArgumentException>(() => y.backward());
        Assert.Equal("backward: grad can be implicitly created only for scalar outputs; this tensor has shape (2,3)", error.Message);

        // With a gradient of y's shape it is a vector-Jacobian product: x.grad = 2·v.
        var v = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        y.backward(v);
        Assert.Equal(new float[] { 2, 4, 6, 8, 10, 12 }, x.grad!.ToArray());
    }

    [Fact]
    public void Backward_with_a_misshaped_gradient_names_both_shapes()
    {
        var y = ones(new long[] { 2, 3 }, requires_grad: true) * 2;
        Assert.Equal("backward: (2,3) and (3,2): shapes differ",
            Assert.Throws<ArgumentException>(() => y.backward(ones(3, 2))).Message);
    }

    [Fact]
    public void Backward_from_a_tensor_without_grad_is_an_error()
    {
        var y = ones(3).sum();
        Assert.StartsWith("backward: this tensor does not require grad", Assert.Throws<ArgumentException>(() => y.backward()).Message);
    }

    [Fact]
    public void Gradients_accumulate_across_backward_calls()
    {
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        (x * x).sum().backward();                      // 2x
        Assert.Equal(new float[] { 2, 4, 6 }, x.grad!.ToArray());
        (x * 3).sum().backward();                      // + 3
        Assert.Equal(new float[] { 5, 7, 9 }, x.grad!.ToArray());
        x.grad = null;
        (x * 3).sum().backward();
        Assert.Equal(new float[] { 3, 3, 3 }, x.grad!.ToArray());
    }

    [Fact]
    public void A_second_backward_through_a_released_graph_is_an_error()
    {
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        var loss = (x.exp() * 2).sum();
        loss.backward();
        var error = Assert.Throws<ArgumentException>(() => loss.backward());
        Assert.Contains("was already released by an earlier backward()", error.Message);
        Assert.Contains("retain_graph: true", error.Message);

        // Also through a shared intermediate: y's node went with the first graph.
        var y = x.exp();
        (y * 2).sum().backward();
        Assert.Throws<ArgumentException>(() => (y * 3).sum().backward());
    }

    [Fact]
    public void Retain_graph_allows_a_second_backward_that_accumulates()
    {
        var x = tensor(new float[] { 0.5f, -1f }, requires_grad: true);
        var loss = (x.exp() * 2).sum();
        loss.backward(retain_graph: true);
        float[] once = x.grad!.ToArray();
        Assert.Equal(new[] { 2 * MathF.Exp(0.5f), 2 * MathF.Exp(-1f) }, once);
        loss.backward();
        Assert.Equal(once.Select(g => 2 * g), x.grad!.ToArray());
    }

    [Fact]
    public void The_graph_is_released_after_backward()
    {
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        var hidden = x * 2;
        var loss = hidden.sum();
        Assert.Same(x, hidden.GradFn!.Inputs[0]);
        loss.backward();
        // The node stays (grad_fn is not null) but holds no inputs or closure: its saved tensors can be collected.
        Assert.NotNull(hidden.GradFn);
        Assert.Empty(hidden.GradFn!.Inputs);
        Assert.True(hidden.GradFn.Released);
        Assert.Empty(loss.GradFn!.Inputs);
        // Intermediates keep no gradient (as PyTorch without retain_grad).
        Assert.Null(hidden.grad);
    }

    [Fact]
    public void Retained_graph_keeps_its_inputs()
    {
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        var hidden = x * 2;
        hidden.sum().backward(retain_graph: true);
        Assert.Same(x, hidden.GradFn!.Inputs[0]);
        Assert.False(hidden.GradFn.Released);
    }

    [Fact]
    public void Branches_that_do_not_need_grad_get_none()
    {
        var a = tensor(new float[] { 1, 2 }, requires_grad: true);
        var b = tensor(new float[] { 3, 4 });
        (a * b).sum().backward();
        Assert.Equal(new float[] { 3, 4 }, a.grad!.ToArray());
        Assert.Null(b.grad);
        Assert.False(b.requires_grad);
    }

    [Fact]
    public void Diamond_graph_sums_both_paths()
    {
        // y = a·x, z = y·y + exp(y): dz/dx = a·(2y + eʸ).
        var x = tensor(new float[] { 0.3f }, requires_grad: true);
        var y = x * 1.5;
        var z = (y * y + y.exp()).sum();
        z.backward();
        double yv = 1.5 * 0.3f;
        Assert.Equal(1.5 * (2 * yv + Math.Exp(yv)), x.grad!.item<float>(), 1e-5);
    }

    [Fact]
    public void A_very_deep_graph_does_not_overflow_the_stack()
    {
        var x = tensor(new float[] { 1 }, requires_grad: true);
        Tensor y = x;
        for (int i = 0; i < 50_000; i++) y = y * 1.0;
        y.sum().backward();
        Assert.Equal(1f, x.grad!.item<float>());
    }

    [Fact]
    public void Detach_cuts_the_graph_and_requires_grad_cannot_be_turned_off_on_a_non_leaf()
    {
        var x = tensor(new float[] { 2 }, requires_grad: true);
        var y = x * 3;
        var d = y.detach();
        Assert.False(d.requires_grad);
        Assert.True(d.is_leaf);
        Assert.Equal(y.ToArray(), d.ToArray());
        Assert.Equal("requires_grad: cannot turn off requires_grad on a non-leaf tensor; use detach()",
            Assert.Throws<ArgumentException>(() => y.requires_grad = false).Message);
        Assert.Equal("requires_grad: only Float32 tensors can require gradients",
            Assert.Throws<ArgumentException>(() => torch.tensor(new long[] { 1 }).requires_grad = true).Message);
    }
}
