using MiniTorch;
using VaeCourse.Tests.TestSupport;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine.Ops;

/// <summary>+ − × ÷ and negation: values, gradients for every operand form, broadcasting and reuse of a node.</summary>
public class ArithmeticTests
{
    private static Tensor U(int seed, params long[] shape) => TestTensors.Uniform(shape, -2, 2, seed);
    // Denominators in ±[0.5, 2]: far from the pole at 0.
    private static Tensor Denominator(int seed, params long[] shape) => TestTensors.AwayFromZero(shape, 0.5, 2, seed);

    [Fact] public void Add_tensor_tensor_gradient() => GradCheck.Verify(t => t[0] + t[1], new[] { U(1, 3, 4), U(2, 3, 4) });
    [Fact] public void Add_tensor_scalar_gradient() => GradCheck.Verify(t => t[0] + 2.5, new[] { U(3, 3, 4) });
    [Fact] public void Add_scalar_tensor_gradient() => GradCheck.Verify(t => 2.5 + t[0], new[] { U(4, 3, 4) });
    [Fact] public void Add_method_with_scalar_gradient() => GradCheck.Verify(t => t[0].add(-1.5), new[] { U(5, 5) });

    [Fact] public void Sub_tensor_tensor_gradient() => GradCheck.Verify(t => t[0] - t[1], new[] { U(6, 3, 4), U(7, 3, 4) });
    [Fact] public void Sub_tensor_scalar_gradient() => GradCheck.Verify(t => t[0] - 0.75, new[] { U(8, 3, 4) });
    [Fact] public void Sub_scalar_tensor_gradient() => GradCheck.Verify(t => 0.75 - t[0], new[] { U(9, 3, 4) });

    [Fact] public void Mul_tensor_tensor_gradient() => GradCheck.Verify(t => t[0] * t[1], new[] { U(10, 3, 4), U(11, 3, 4) });
    [Fact] public void Mul_tensor_scalar_gradient() => GradCheck.Verify(t => t[0] * -3.0, new[] { U(12, 3, 4) });
    [Fact] public void Mul_scalar_tensor_gradient() => GradCheck.Verify(t => 0.5 * t[0], new[] { U(13, 3, 4) });

    [Fact] public void Div_tensor_tensor_gradient() => GradCheck.Verify(t => t[0] / t[1], new[] { U(14, 3, 4), Denominator(15, 3, 4) }, h: 1e-3);
    [Fact] public void Div_tensor_scalar_gradient() => GradCheck.Verify(t => t[0] / 4.0, new[] { U(16, 3, 4) });
    [Fact] public void Div_scalar_tensor_gradient() => GradCheck.Verify(t => 3.0 / t[0], new[] { Denominator(17, 3, 4) }, h: 1e-3);

    [Fact] public void Neg_gradient() => GradCheck.Verify(t => -t[0], new[] { U(18, 3, 4) });
    [Fact] public void Neg_method_gradient() => GradCheck.Verify(t => t[0].neg(), new[] { U(19, 2, 2) });

    // ---- broadcasting ----

    [Fact] public void Add_broadcasts_a_row_vector_over_a_batch() => GradCheck.Verify(t => t[0] + t[1], new[] { U(20, 3, 4), U(21, 4) });
    [Fact] public void Add_broadcasts_the_batch_operand_second() => GradCheck.Verify(t => t[1] + t[0], new[] { U(22, 3, 4), U(23, 4) });
    [Fact] public void Mul_broadcasts_column_times_row() => GradCheck.Verify(t => t[0] * t[1], new[] { U(24, 3, 1), U(25, 1, 4) });
    [Fact] public void Sub_broadcasts_a_scalar_tensor_first() => GradCheck.Verify(t => t[0] - t[1], new[] { U(26), U(27, 2, 3) });
    [Fact] public void Div_broadcasts_by_a_scalar_tensor() => GradCheck.Verify(t => t[0] / t[1], new[] { U(28, 2, 3), Denominator(29) }, h: 1e-3);
    [Fact] public void Mul_of_two_scalar_tensors() => GradCheck.Verify(t => t[0] * t[1], new[] { U(30), Denominator(31) });
    [Fact] public void Div_broadcasts_over_leading_dimensions() => GradCheck.Verify(t => t[0] / t[1], new[] { U(32, 2, 3, 4), Denominator(33, 3, 1) }, h: 1e-3);

    // ---- a node used twice: both contributions must be summed ----

    [Fact] public void Square_by_self_multiplication_gradient() => GradCheck.Verify(t => t[0] * t[0], new[] { U(34, 3, 4) });
    [Fact] public void Self_addition_gradient() => GradCheck.Verify(t => t[0] + t[0], new[] { U(35, 3, 4) });
    [Fact] public void Self_division_gradient_is_zero() => GradCheck.Verify(t => t[0] / t[0], new[] { Denominator(36, 5) }, h: 1e-3);

    [Fact]
    public void Intermediate_used_twice_gradient() => GradCheck.Verify(t =>
    {
        Tensor y = t[0].exp();
        return y + y;
    }, new[] { U(37, 3, 4) });

    [Fact]
    public void Intermediate_used_in_two_different_ops_gradient() => GradCheck.Verify(t =>
    {
        Tensor y = t[0] * 2.0;
        return y * t[1] - y.tanh();
    }, new[] { U(38, 3, 4), U(39, 3, 4) });

    // Both operands' backward rules scale their gradient in place: a buffer shared between them would be scaled twice.
    [Fact] public void Sum_of_two_scaled_operands_gradient() => GradCheck.Verify(t => t[0] * 2.0 + t[1] * -3.0, new[] { U(40, 3, 4), U(41, 3, 4) });

    [Fact]
    public void Operands_of_add_get_independent_gradient_buffers()
    {
        var x = tensor(new float[] { 1, 2 }, requires_grad: true);
        var y = tensor(new float[] { 3, 4 }, requires_grad: true);
        (x + y).sum().backward();
        x.grad!.zero_();
        Assert.Equal(new float[] { 1, 1 }, y.grad!.ToArray());
        (x * 2 + y).sum().backward();
        Assert.Equal(new float[] { 2, 2 }, x.grad!.ToArray());
        Assert.Equal(new float[] { 2, 2 }, y.grad!.ToArray());
    }

    [Fact]
    public void Self_addition_doubles_the_gradient_exactly()
    {
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        (x + x).sum().backward();
        Assert.Equal(new float[] { 2, 2, 2 }, x.grad!.ToArray());
    }

    // ---- values ----

    [Fact]
    public void Elementwise_values_match_the_formulas()
    {
        float[] a = { 1.5f, -2f, 3f, 0.25f }, b = { 2f, 4f, -0.5f, 8f };
        var ta = tensor(a, new long[] { 2, 2 });
        var tb = tensor(b, new long[] { 2, 2 });
        Assert.Equal(a.Zip(b, (x, y) => x + y), (ta + tb).ToArray());
        Assert.Equal(a.Zip(b, (x, y) => x - y), (ta - tb).ToArray());
        Assert.Equal(a.Zip(b, (x, y) => x * y), (ta * tb).ToArray());
        Assert.Equal(a.Zip(b, (x, y) => x / y), (ta / tb).ToArray());
        Assert.Equal(a.Select(x => 1f - x), (1 - ta).ToArray());
        Assert.Equal(a.Select(x => 2f / x), (2 / ta).ToArray());
        Assert.Equal(a.Select(x => -x), (-ta).ToArray());
        Assert.Equal(new long[] { 2, 2 }, (ta + tb).shape);
    }

    [Fact]
    public void Broadcast_values_follow_numpy_rules()
    {
        var column = tensor(new float[] { 1, 2, 3 }, new long[] { 3, 1 });
        var row = tensor(new float[] { 10, 20 }, new long[] { 1, 2 });
        var sum = column + row;   // (3,1) + (1,2) -> (3,2)
        Assert.Equal(new long[] { 3, 2 }, sum.shape);
        Assert.Equal(new float[] { 11, 21, 12, 22, 13, 23 }, sum.ToArray());

        var batch = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 2, 3 });
        var bias = tensor(new float[] { 100, 200, 300 });
        Assert.Equal(new float[] { 101, 202, 303, 104, 205, 306 }, (batch + bias).ToArray());
        Assert.Equal(new float[] { 2, 4, 6, 8, 10, 12 }, (batch * tensor(2f)).ToArray());
    }

    [Fact]
    public void Broadcast_gradient_sums_over_the_expanded_dimension()
    {
        var batch = ones(new long[] { 4, 3 });
        var bias = tensor(new float[] { 0, 0, 0 }, requires_grad: true);
        (batch + bias).sum().backward();
        Assert.Equal(new float[] { 4, 4, 4 }, bias.grad!.ToArray());
    }

    [Fact]
    public void Broadcast_failure_names_the_op_both_shapes_and_the_dimension()
    {
        var a = zeros(2, 3);
        var b = zeros(4);
        Assert.Equal("add: (2,3) and (4): sizes 3 and 4 at dimension 1 cannot be broadcast",
            Assert.Throws<ArgumentException>(() => a + b).Message);
        Assert.Equal("mul: (5,2) and (3,1): sizes 5 and 3 at dimension 0 cannot be broadcast",
            Assert.Throws<ArgumentException>(() => zeros(5, 2) * zeros(3, 1)).Message);
        Assert.StartsWith("div: (2,3) and (4)", Assert.Throws<ArgumentException>(() => a / b).Message);
        Assert.StartsWith("sub: (2,3) and (4)", Assert.Throws<ArgumentException>(() => a - b).Message);
    }

    [Fact]
    public void Int64_operands_are_rejected_naming_the_op()
    {
        var longs = torch.tensor(new long[] { 1, 2 });
        var message = Assert.Throws<ArgumentException>(() => zeros(2) + longs).Message;
        Assert.Equal("add: expected a Float32 tensor, got Int64 (2)", message);
    }
}
