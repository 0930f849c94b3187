using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine;

/// <summary>Tensor basics and creation functions: shapes, copies, item, and their error messages.</summary>
public class TensorTests
{
    [Fact]
    public void Tensor_copies_its_input_and_reports_shape()
    {
        float[] values = { 1, 2, 3, 4, 5, 6 };
        var t = tensor(values, new long[] { 2, 3 });
        values[0] = 99;
        Assert.Equal(1f, t.ToArray()[0]);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(2, t.dim());
        Assert.Equal(6, t.numel());
        Assert.Equal(3, t.size(-1));
        Assert.Equal(ScalarType.Float32, t.dtype);
        t.shape[0] = 7;   // shape is a copy
        Assert.Equal(2, t.size(0));
    }

    [Fact]
    public void Item_and_its_errors()
    {
        Assert.Equal(2.5f, tensor(2.5f).item<float>());
        Assert.Equal(2.5, tensor(new[] { 2.5f }).item<double>());
        Assert.Equal(4L, torch.tensor(new long[] { 4 }).item<long>());
        Assert.Equal("item: a tensor of shape (2) has 2 elements; item() needs exactly one",
            Assert.Throws<ArgumentException>(() => zeros(2).item<float>()).Message);
    }

    [Fact]
    public void Creation_errors_name_the_shape()
    {
        Assert.Equal("tensor: 5 values cannot fill shape (2,3) (6 elements)",
            Assert.Throws<ArgumentException>(() => tensor(new float[5], new long[] { 2, 3 })).Message);
        Assert.Equal("full: shape (2,-1) has a negative size",
            Assert.Throws<ArgumentException>(() => zeros(2, -1)).Message);
        Assert.Equal("full: shape (1,1,1,1,1) has rank 5; tensors have rank 0 to 4",
            Assert.Throws<ArgumentException>(() => zeros(1, 1, 1, 1, 1)).Message);
        Assert.Equal("copy_: (2) and (3): shapes differ",
            Assert.Throws<ArgumentException>(() => zeros(2).copy_(zeros(3))).Message);
    }

    [Fact]
    public void Filled_and_ranged_tensors()
    {
        Assert.Equal(new float[] { 0, 0, 0 }, zeros(3).ToArray());
        Assert.Equal(new float[] { 1, 1 }, ones(2).ToArray());
        Assert.Equal(new float[] { 7, 7 }, full(new long[] { 2 }, 7).ToArray());
        Assert.Equal(new float[] { 2, 2.5f, 3, 3.5f }, arange(2, 4, 0.5).ToArray());
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f, 1 }, linspace(0, 1, 5).ToArray());
        Assert.Equal(new long[] { 2, 3 }, zeros_like(ones(2, 3)).shape);
    }

    [Fact]
    public void Clone_copies_and_detach_shares()
    {
        var x = tensor(new float[] { 1, 2 });
        var c = x.clone();
        var d = x.detach();
        x.Data[0] = 5;
        Assert.Equal(1f, c.ToArray()[0]);
        Assert.Equal(5f, d.ToArray()[0]);
    }
}

public class ArangeDtypeTests
{
    [Fact]
    public void Whole_number_arange_is_an_int64_index_tensor_and_float_arange_is_float32()
    {
        var idx = MiniTorch.torch.arange(4);
        Assert.Equal(MiniTorch.ScalarType.Int64, idx.dtype);
        Assert.Equal(new long[] { 0, 1, 2, 3 }, idx.data<long>().ToArray());
        Assert.Equal(new long[] { 2, 5, 8 }, MiniTorch.torch.arange(2, 10, 3).data<long>().ToArray());
        Assert.Equal(MiniTorch.ScalarType.Float32, MiniTorch.torch.arange(0f, 4f).dtype);
        var rows = MiniTorch.torch.arange(0f, 12f).view(4, 3).index_select(0, MiniTorch.torch.arange(1, 3));
        Assert.Equal(new float[] { 3, 4, 5, 6, 7, 8 }, rows.ToArray());
    }
}
