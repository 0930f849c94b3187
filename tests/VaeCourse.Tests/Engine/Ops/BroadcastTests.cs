using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>expand (the explicit broadcast) and its sum-back gradient.</summary>
public class BroadcastTests
{
    private static Tensor U(int seed, params long[] shape) => TestTensors.Uniform(shape, -2, 2, seed);

    [Fact] public void Expand_column_gradient() => GradCheck.Verify(t => t[0].expand(3, 4), new[] { U(1, 3, 1) });
    [Fact] public void Expand_new_leading_dims_gradient() => GradCheck.Verify(t => t[0].expand(2, 3, 4), new[] { U(2, 4) });
    [Fact] public void Expand_scalar_tensor_gradient() => GradCheck.Verify(t => t[0].expand(2, 2), new[] { U(3) });
    [Fact] public void Expand_middle_dim_with_minus_one_gradient() => GradCheck.Verify(t => t[0].expand(-1, 3, -1), new[] { U(4, 2, 1, 2) });

    [Fact]
    public void Expand_repeats_values()
    {
        var x = tensor(new float[] { 1, 2 }, new long[] { 2, 1 });
        Assert.Equal(new float[] { 1, 1, 1, 2, 2, 2 }, x.expand(2, 3).ToArray());
        Assert.Equal(new float[] { 1, 2, 1, 2 }, tensor(new float[] { 1, 2 }).expand(2, 2).ToArray());
        Assert.Equal(new float[] { 5, 5, 5 }, tensor(5f).expand(3).ToArray());
    }

    [Fact]
    public void Expand_to_the_same_shape_is_the_identity()
    {
        var x = zeros(2, 3);
        Assert.Same(x, x.expand(2, 3));
    }

    [Fact]
    public void Expand_errors_name_both_shapes()
    {
        Assert.Equal("expand: cannot expand (2,3) to (2,4): size 3 at dimension 1 is not 1",
            Assert.Throws<ArgumentException>(() => zeros(2, 3).expand(2, 4)).Message);
        Assert.Equal("expand: cannot expand (2,3) to fewer dimensions (3)",
            Assert.Throws<ArgumentException>(() => zeros(2, 3).expand(3)).Message);
    }
}
