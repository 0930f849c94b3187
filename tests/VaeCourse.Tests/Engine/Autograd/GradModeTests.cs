using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Autograd;

/// <summary>no_grad / enable_grad scopes: what is recorded and what is not.</summary>
public class GradModeTests
{
    [Fact]
    public void No_grad_builds_no_graph()
    {
        var x = ones(new long[] { 2, 2 }, requires_grad: true);
        Tensor y;
        using (no_grad())
        {
            Assert.False(is_grad_enabled());
            y = (x * 2).exp().sum();
        }
        Assert.True(is_grad_enabled());
        Assert.False(y.requires_grad);
        Assert.True(y.is_leaf);
        Assert.Null(y.GradFn);
        Assert.Throws<ArgumentException>(() => y.backward());

        var recorded = (x * 2).sum();
        Assert.True(recorded.requires_grad);
        Assert.False(recorded.is_leaf);
    }

    [Fact]
    public void Every_kind_of_op_respects_no_grad()
    {
        var x = ones(new long[] { 2, 3 }, requires_grad: true);
        var w = ones(new long[] { 4, 3 }, requires_grad: true);
        using (no_grad())
        {
            Tensor[] outputs =
            {
                x + x, x - 1, 2 / x, x.relu(), x.softplus(), x.clamp(0, 1), x.t(), x.view(6), x.permute(1, 0),
                x.sum(0), x.mean(), x.expand(2, 2, 3), x.index_select(0, torch.tensor(new long[] { 0 })),
                torch.cat(new[] { x, x }, 1), x.matmul(w.t()), nn.functional.linear(x, w),
                nn.functional.binary_cross_entropy(x.sigmoid(), x * 0), nn.functional.binary_cross_entropy_with_logits(x, x * 0),
                nn.functional.mse_loss(x, x * 0),
            };
            for (int i = 0; i < outputs.Length; i++)
                Assert.True(!outputs[i].requires_grad && outputs[i].is_leaf, $"output {i} recorded a graph under no_grad");
        }
    }

    [Fact]
    public void Nested_scopes_restore_the_outer_mode()
    {
        var x = ones(new long[] { 2 }, requires_grad: true);
        using (no_grad())
        {
            using (no_grad()) Assert.False((x * 2).requires_grad);
            Assert.False(is_grad_enabled());
            using (enable_grad())
            {
                Assert.True(is_grad_enabled());
                var inner = x * 2;
                Assert.True(inner.requires_grad);
                Assert.False(inner.is_leaf);
                using (no_grad()) Assert.False((x * 2).requires_grad);
                Assert.True(is_grad_enabled());
            }
            Assert.False(is_grad_enabled());
            Assert.False((x * 2).requires_grad);
        }
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void Disposing_a_scope_twice_does_not_change_the_mode_again()
    {
        var outer = no_grad();
        var inner = enable_grad();
        inner.Dispose();
        inner.Dispose();
        Assert.False(is_grad_enabled());
        outer.Dispose();
        Assert.True(is_grad_enabled());
    }

    [Fact]
    public void Grad_mode_is_per_thread()
    {
        using (no_grad())
        {
            bool enabledElsewhere = false;
            var thread = new Thread(() => enabledElsewhere = is_grad_enabled());
            thread.Start();
            thread.Join();
            Assert.True(enabledElsewhere);
            Assert.False(is_grad_enabled());
        }
    }
}
