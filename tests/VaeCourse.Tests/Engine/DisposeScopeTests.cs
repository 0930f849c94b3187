using MiniTorch;
using MiniTorch.Memory;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine;

public class DisposeScopeTests
{
    // Long enough to be pooled.
    private static Tensor Big(float value = 1f) => full(new long[] { 40, 50 }, value);

    public DisposeScopeTests() => BufferPool.Clear();

    [Fact]
    public void Tensors_made_in_a_scope_are_disposed_with_it_and_their_memory_serves_the_next_op()
    {
        Tensor input = Big(-2f);
        Tensor relu;
        float[] released;
        using (var scope = NewDisposeScope())
        {
            relu = input.relu();
            released = relu.Data;
            Assert.Equal(1, scope.DisposablesCount);
        }

        Assert.True(relu.IsInvalid);
        Assert.False(input.IsInvalid);                 // made before the scope
        Tensor next = input.abs();                      // same size: gets the released array
        Assert.Same(released, next.Data);
        Assert.All(next.ToArray(), v => Assert.Equal(2f, v));
    }

    [Fact]
    public void Using_a_disposed_tensor_throws_ObjectDisposedException_naming_the_op()
    {
        Tensor t = Big();
        t.Dispose();

        var error = Assert.Throws<ObjectDisposedException>(() => t.relu());
        Assert.StartsWith("relu: the tensor (40,50) was disposed", error.Message);
        Assert.StartsWith("item:", Assert.Throws<ObjectDisposedException>(() => t.item<float>()).Message);
        Assert.StartsWith("view:", Assert.Throws<ObjectDisposedException>(() => t.view(-1)).Message);
        Assert.StartsWith("add:", Assert.Throws<ObjectDisposedException>(() => Big() + t).Message);
        t.Dispose();   // twice: harmless
    }

    [Fact]
    public void Nested_scopes_dispose_only_their_own_tensors()
    {
        using var outer = NewDisposeScope();
        Tensor a = Big();
        Tensor b;
        using (NewDisposeScope())
        {
            b = a.exp();
        }

        Assert.True(b.IsInvalid);
        Assert.False(a.IsInvalid);
        outer.Dispose();
        Assert.True(a.IsInvalid);
    }

    [Fact]
    public void MoveToOuterDisposeScope_keeps_a_tensor_until_the_outer_scope_ends()
    {
        Tensor kept, escaped;
        using (var outer = NewDisposeScope())
        {
            using (var inner = NewDisposeScope())
            {
                kept = Big().exp().MoveToOuterDisposeScope();
                Assert.Equal(1, inner.DisposablesCount);   // the full() it came from
            }
            Assert.False(kept.IsInvalid);
            Assert.Equal(MathF.E, kept.ToArray()[0], 1e-6f);
            Assert.Equal(1, outer.DisposablesCount);
        }
        Assert.True(kept.IsInvalid);

        using (NewDisposeScope()) escaped = Big().MoveToOuterDisposeScope();   // no outer scope: no scope at all
        Assert.False(escaped.IsInvalid);
    }

    [Fact]
    public void DetachFromDisposeScope_keeps_a_tensor_for_good()
    {
        Tensor kept;
        using (NewDisposeScope())
        using (NewDisposeScope())
            kept = Big().DetachFromDisposeScope();

        Assert.False(kept.IsInvalid);
        Assert.Equal(2000, kept.ToArray().Length);
    }

    [Fact]
    public void A_view_keeps_the_storage_alive_after_its_base_is_disposed()
    {
        Tensor baseTensor = Big(3f).exp();
        float[] storage = baseTensor.Data;
        Tensor view = baseTensor.view(2000);
        baseTensor.Dispose();

        Assert.NotSame(storage, Big().exp().Data);      // not back in the pool: the view still reads it
        Assert.Equal(MathF.Exp(3f), view.ToArray()[1999], 1e-4f);

        view.Dispose();
        Assert.Same(storage, Big().exp().Data);          // last holder gone: reused
    }

    [Fact]
    public void Parameters_and_their_gradients_outlive_the_scope_of_a_training_step()
    {
        manual_seed(3);
        MiniTorch.Modules.Parameter[] parameters;
        using (NewDisposeScope())
        {
            var layer = nn.Linear(50, 30);
            layer.forward(rand(40, 50)).sum().backward();
            parameters = layer.parameters().ToArray();
        }

        Assert.All(parameters, p => Assert.False(p.IsInvalid));
        Assert.All(parameters, p => Assert.False(p.grad!.IsInvalid));
        Assert.Equal(40f, parameters[1].grad!.ToArray()[0]);   // d(sum)/d bias = batch size
    }

    [Fact]
    public void Backward_after_the_graph_was_disposed_names_the_node()
    {
        var w = full(new long[] { 40, 50 }, 0.5f, requires_grad: true);
        Tensor loss;
        using (NewDisposeScope())
        {
            loss = (w * Big(2f)).sum().MoveToOuterDisposeScope();
        }

        var error = Assert.Throws<ObjectDisposedException>(() => loss.backward());
        Assert.StartsWith("backward through 'sum': its input (40,50) was disposed", error.Message);
    }

    [Fact]
    public void A_scope_disposed_out_of_order_leaves_the_inner_one_working()
    {
        var outer = NewDisposeScope();
        var inner = NewDisposeScope();
        outer.Dispose();
        Tensor t = Big();
        Assert.Equal(1, inner.DisposablesCount);
        Assert.Null(inner.OuterScope);
        inner.Dispose();
        Assert.True(t.IsInvalid);
        Tensor after = Big();
        Assert.False(after.IsInvalid);
        Assert.Null(after.Scope);
    }

    [Fact]
    public void Scope_methods_reject_tensors_of_another_scope()
    {
        using var scope = NewDisposeScope();
        Tensor outside = Big().DetachFromDisposeScope();
        Assert.Throws<InvalidOperationException>(() => scope.MoveToOuter(outside));
        Assert.Throws<InvalidOperationException>(() => scope.Detach(outside));
    }
}
