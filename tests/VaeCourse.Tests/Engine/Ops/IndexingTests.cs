using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>index_select (batch gathering) and cat.</summary>
public class IndexingTests
{
    private static Tensor U(int seed, params long[] shape) => TestTensors.Uniform(shape, -2, 2, seed);

    [Fact]
    public void Index_select_gradient_with_a_repeated_index() =>
        // Row 2 is picked twice: its gradient is the sum of both.
        GradCheck.Verify(t => t[0].index_select(0, torch.tensor(new long[] { 2, 0, 2, 3 })), new[] { U(1, 4, 3) });

    [Fact]
    public void Index_select_gradient_on_3d_rows() =>
        GradCheck.Verify(t => t[0].index_select(0, torch.tensor(new long[] { 1, 1 })), new[] { U(2, 3, 2, 2) });

    [Fact] public void Cat_dim0_gradient() => GradCheck.Verify(t => torch.cat(new[] { t[0], t[1] }, 0), new[] { U(3, 2, 3), U(4, 4, 3) });
    [Fact] public void Cat_dim1_gradient() => GradCheck.Verify(t => torch.cat(new[] { t[0], t[1], t[2] }, 1), new[] { U(5, 2, 3), U(6, 2, 1), U(7, 2, 2) });
    [Fact] public void Cat_dim1_of_3d_gradient() => GradCheck.Verify(t => torch.cat(new[] { t[0], t[1] }, 1), new[] { U(8, 2, 1, 3), U(9, 2, 2, 3) });
    [Fact] public void Cat_with_itself_gradient() => GradCheck.Verify(t => torch.cat(new[] { t[0], t[0] }, -1), new[] { U(10, 2, 3) });

    [Fact]
    public void Cat_passes_gradients_only_to_inputs_that_need_them()
    {
        var a = ones(new long[] { 2, 2 }, requires_grad: true);
        var b = ones(2, 3);
        (torch.cat(new[] { a, b }, 1) * 3).sum().backward();
        Assert.Equal(new float[] { 3, 3, 3, 3 }, a.grad!.ToArray());
        Assert.Null(b.grad);
    }

    [Fact]
    public void Index_select_gathers_rows()
    {
        var x = tensor(new float[] { 0, 1, 10, 11, 20, 21 }, new long[] { 3, 2 });
        var y = x.index_select(0, torch.tensor(new long[] { 2, 0, 2 }));
        Assert.Equal(new long[] { 3, 2 }, y.shape);
        Assert.Equal(new float[] { 20, 21, 0, 1, 20, 21 }, y.ToArray());
    }

    [Fact]
    public void Cat_places_blocks_along_each_dimension()
    {
        var a = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 });
        var b = tensor(new float[] { 5, 6 }, new long[] { 2, 1 });
        var c = tensor(new float[] { 7, 8 }, new long[] { 1, 2 });
        var rows = torch.cat(new[] { a, c }, 0);
        Assert.Equal(new long[] { 3, 2 }, rows.shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 7, 8 }, rows.ToArray());
        var columns = torch.cat(new[] { a, b }, 1);
        Assert.Equal(new long[] { 2, 3 }, columns.shape);
        Assert.Equal(new float[] { 1, 2, 5, 3, 4, 6 }, columns.ToArray());
    }

    [Fact]
    public void Index_out_of_range_names_the_index_and_the_shape()
    {
        var x = zeros(3, 2);
        Assert.Equal("index_select: index 3 is out of range for dimension 0 of size 3 in (3,2)",
            Assert.Throws<ArgumentException>(() => x.index_select(0, torch.tensor(new long[] { 0, 3 }))).Message);
        Assert.Equal("index_select: index -1 is out of range for dimension 0 of size 3 in (3,2)",
            Assert.Throws<ArgumentException>(() => x.index_select(0, torch.tensor(new long[] { -1 }))).Message);
        Assert.Equal("index_select: index must be a 1-D Int64 tensor, got Float32 (2)",
            Assert.Throws<ArgumentException>(() => x.index_select(0, zeros(2))).Message);
        Assert.Equal("index_select: only dim 0 is supported, got dim 1",
            Assert.Throws<ArgumentException>(() => x.index_select(1, torch.tensor(new long[] { 0 }))).Message);
    }

    [Fact]
    public void Cat_mismatch_names_both_shapes_and_the_dimension()
    {
        Assert.Equal("cat: (2,3) and (2,4): sizes must match except in dimension 0",
            Assert.Throws<ArgumentException>(() => torch.cat(new[] { zeros(2, 3), zeros(2, 4) }, 0)).Message);
        Assert.Equal("cat: (2,3) and (3,3): sizes must match except in dimension 1",
            Assert.Throws<ArgumentException>(() => torch.cat(new[] { zeros(2, 3), zeros(3, 3) }, 1)).Message);
        Assert.Equal("cat: (2,3) and (6): sizes must match except in dimension 0",
            Assert.Throws<ArgumentException>(() => torch.cat(new[] { zeros(2, 3), zeros(6) }, 0)).Message);
        Assert.Equal("cat: expected a non-empty list of tensors",
            Assert.Throws<ArgumentException>(() => torch.cat(Array.Empty<Tensor>(), 0)).Message);
    }
}

public class NarrowTests
{
    [Fact]
    public void Narrow_takes_consecutive_rows_and_its_gradient_lands_in_those_rows()
    {
        var x = MiniTorch.torch.arange(0f, 12f).view(4, 3).requires_grad_();
        var rows = x.narrow(0, 1, 2);
        Assert.Equal(new long[] { 2, 3 }, rows.shape);
        Assert.Equal(new float[] { 3, 4, 5, 6, 7, 8 }, rows.ToArray());
        GradCheck.Verify(t => t[0].narrow(0, 1, 2), new[] { x.detach() });
        (rows * 2f).sum().backward();
        Assert.Equal(new float[] { 0, 0, 0, 2, 2, 2, 2, 2, 2, 0, 0, 0 }, x.grad!.ToArray());
    }

    [Fact]
    public void Narrow_out_of_range_names_the_op_rows_and_shape()
    {
        var ex = Assert.Throws<ArgumentException>(() => MiniTorch.torch.zeros(4, 3).narrow(0, 3, 2));
        Assert.Equal("narrow: rows 3..4 are out of range for dimension 0 of size 4 in (4,3)", ex.Message);
    }
}
