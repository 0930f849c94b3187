using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>Views and permutations: element placement against index formulas, gradients, and shape errors.</summary>
public class ShapeOpsTests
{
    private static Tensor U(int seed, params long[] shape) => TestTensors.Uniform(shape, -2, 2, seed);

    [Fact] public void T_gradient() => GradCheck.Verify(t => t[0].t(), new[] { U(1, 3, 4) });
    [Fact] public void Transpose_gradient() => GradCheck.Verify(t => t[0].transpose(0, 2), new[] { U(2, 2, 3, 4) });
    [Fact] public void Transpose_negative_dims_gradient() => GradCheck.Verify(t => t[0].transpose(-1, -2), new[] { U(3, 3, 4) });
    [Fact] public void Permute_3d_gradient() => GradCheck.Verify(t => t[0].permute(2, 0, 1), new[] { U(4, 2, 3, 4) });
    [Fact] public void Permute_4d_gradient() => GradCheck.Verify(t => t[0].permute(0, 2, 3, 1), new[] { U(5, 2, 3, 2, 2) });
    [Fact] public void View_gradient() => GradCheck.Verify(t => t[0].view(4, 3), new[] { U(6, 3, 4) });
    [Fact] public void Reshape_with_inferred_size_gradient() => GradCheck.Verify(t => t[0].reshape(-1, 2), new[] { U(7, 3, 4) });
    [Fact] public void Flatten_gradient() => GradCheck.Verify(t => t[0].flatten(1), new[] { U(8, 2, 3, 2) });
    [Fact] public void Unflatten_gradient() => GradCheck.Verify(t => t[0].unflatten(1, 2, 3), new[] { U(9, 2, 6) });
    [Fact] public void Squeeze_gradient() => GradCheck.Verify(t => t[0].squeeze(), new[] { U(10, 3, 1, 4) });
    [Fact] public void Squeeze_dim_gradient() => GradCheck.Verify(t => t[0].squeeze(1), new[] { U(11, 3, 1, 4) });
    [Fact] public void Unsqueeze_gradient() => GradCheck.Verify(t => t[0].unsqueeze(-1), new[] { U(12, 3, 4) });

    // A view followed by an op that reads elements in a new arrangement: a wrong view gradient would misplace them.
    [Fact]
    public void View_then_transpose_then_broadcast_gradient() =>
        GradCheck.Verify(t => t[0].view(2, 6).t() * t[1], new[] { U(13, 3, 4), U(14, 6, 1) });

    [Fact]
    public void Permute_places_every_element_by_the_index_formula()
    {
        // x[i,j,k] = 100i + 10j + k, shape (2,3,4); permute(2,0,1) gives y[k,i,j] = x[i,j,k].
        var values = new float[24];
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 4; k++) values[i * 12 + j * 4 + k] = 100 * i + 10 * j + k;
        var y = tensor(values, new long[] { 2, 3, 4 }).permute(2, 0, 1);
        Assert.Equal(new long[] { 4, 2, 3 }, y.shape);
        float[] data = y.ToArray();
        for (int k = 0; k < 4; k++) for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++)
            Assert.Equal(100 * i + 10 * j + k, data[k * 6 + i * 3 + j]);
    }

    [Fact]
    public void T_of_a_matrix_swaps_rows_and_columns_and_leaves_vectors_alone()
    {
        var m = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, m.t().ToArray());
        Assert.Equal(new long[] { 3, 2 }, m.t().shape);
        var v = tensor(new float[] { 1, 2, 3 });
        Assert.Same(v, v.t());
    }

    [Fact]
    public void View_shares_storage_and_shapes_are_as_asked()
    {
        var x = zeros(2, 6);
        var v = x.view(3, -1);
        Assert.Equal(new long[] { 3, 4 }, v.shape);
        x.Data[5] = 7f;
        Assert.Equal(7f, v.ToArray()[5]);
        Assert.Equal(new long[] { 2, 2, 3 }, x.unflatten(1, 2, 3).shape);
        Assert.Equal(new long[] { 12 }, x.flatten().shape);
        Assert.Equal(new long[] { 2, 1, 6 }, x.unsqueeze(1).shape);
        Assert.Equal(new long[] { 2, 6, 1 }, x.unsqueeze(-1).shape);
        Assert.Equal(new long[] { 2, 6 }, x.unsqueeze(0).squeeze(0).shape);
        Assert.Equal(new long[] { 2, 6 }, x.squeeze(1).shape);      // size 6: nothing to remove
        Assert.Equal(Array.Empty<long>(), zeros(1, 1).squeeze().shape);
        Assert.Equal(new long[] { 1 }, tensor(3f).flatten().shape);
    }

    [Fact]
    public void View_with_the_wrong_number_of_elements_names_both_shapes()
    {
        var x = zeros(2, 3);
        Assert.Equal("view: shape (5,2) is invalid for input of shape (2,3) (6 elements)",
            Assert.Throws<ArgumentException>(() => x.view(5, 2)).Message);
        Assert.Equal("view: shape (-1,4) is invalid for input of shape (2,3) (6 elements)",
            Assert.Throws<ArgumentException>(() => x.reshape(-1, 4)).Message);
        Assert.Equal("view: shape (-1,-1): only one dimension can be -1",
            Assert.Throws<ArgumentException>(() => x.view(-1, -1)).Message);
    }

    [Fact]
    public void Other_shape_errors_name_the_op_and_the_shapes()
    {
        var x = zeros(2, 6);
        Assert.Equal("unflatten: sizes (4,2) multiply to 8, but dimension 1 of (2,6) has size 6",
            Assert.Throws<ArgumentException>(() => x.unflatten(1, 4, 2)).Message);
        Assert.Equal("permute: (0,0) is not a permutation of the 2 dimensions of (2,6)",
            Assert.Throws<ArgumentException>(() => x.permute(0, 0)).Message);
        Assert.Equal("t: expects a tensor with at most 2 dimensions, got (2,2,2)",
            Assert.Throws<ArgumentException>(() => zeros(2, 2, 2).t()).Message);
        Assert.Equal("transpose: dimension 2 is out of range for a tensor of rank 2",
            Assert.Throws<ArgumentException>(() => x.transpose(0, 2)).Message);
        Assert.Equal("flatten: start_dim 1 comes after end_dim 0",
            Assert.Throws<ArgumentException>(() => x.flatten(1, 0)).Message);
    }

    [Fact]
    public void Contiguous_after_permute_holds_the_permuted_elements_in_row_major_order()
    {
        // (2,3) -> permute(1,0) -> (3,2): element [i,j] of the result is element [j,i] of the input, laid out row by row.
        var x = tensor(new float[] { 0, 1, 2, 3, 4, 5 }, new long[] { 2, 3 });
        Tensor y = x.permute(1, 0).contiguous();
        Assert.True(y.is_contiguous());
        Assert.Equal(new long[] { 3, 2 }, y.shape);
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, y.ToArray());
        Assert.Same(y, y.contiguous());
        Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, y.view(6).ToArray());   // view needs contiguous storage
    }
}
