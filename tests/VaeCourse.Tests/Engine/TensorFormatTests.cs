using MiniTorch;
using static MiniTorch.torch;

namespace VaeCourse.Tests.Engine;

/// <summary>ToString: TorchSharp's shape line, then the values, abbreviated with "..." as PyTorch does.</summary>
public class TensorFormatTests
{
    [Fact]
    public void Small_tensor_shows_shape_and_every_value()
    {
        string text = tensor(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 }).ToString();
        Assert.Equal("[2x2], type = Float32, device = cpu\n[[1, 2],\n [3, 4]]", text);
        Assert.Contains("[2x2]", text);
        Assert.Contains("1", text);
        Assert.Contains("4", text);
        Assert.DoesNotContain("...", text);
    }

    [Fact]
    public void Long_tensor_is_abbreviated_with_ellipsis()
    {
        string text = arange(0f, 100f).ToString();
        Assert.StartsWith("[100], type = Float32, device = cpu\n", text);
        Assert.Contains("[0, 1, 2, ..., 97, 98, 99]", text);
        Assert.DoesNotContain("50", text);
    }

    [Fact]
    public void Long_matrix_abbreviates_rows_and_columns()
    {
        string text = arange(0f, 100f).view(10, 10).ToString();
        Assert.Contains("[10x10]", text);
        Assert.Contains("[0, 1, 2, ..., 7, 8, 9]", text);
        Assert.Contains("[90, 91, 92, ..., 97, 98, 99]", text);
        Assert.DoesNotContain("[40,", text);
        Assert.Contains(" ...,\n", text);
    }

    [Fact]
    public void Scalars_fractions_flags_and_int64()
    {
        Assert.Equal("[], type = Float32, device = cpu\n2.5", tensor(2.5f).ToString());
        Assert.Contains("0.3333", tensor(new[] { 1f / 3 }).ToString());
        Assert.Contains("requires_grad", tensor(new[] { 1f }, requires_grad: true).ToString());
        Assert.Equal("[3], type = Int64, device = cpu\n[7, 8, 9]", torch.tensor(new long[] { 7, 8, 9 }).ToString());
        Assert.Equal(tensor(2.5f).ToString(), tensor(2.5f).str());
    }
}

public class TensorFormatSmallValuesTests
{
    [Fact]
    public void Tiny_and_huge_values_are_not_printed_as_zero_or_truncated()
    {
        string text = MiniTorch.torch.tensor(new float[] { 1e-5f, -1e-5f, 2.5e7f, 0f }).ToString();
        Assert.Contains("1e-5", text);
        Assert.Contains("-1e-5", text);
        Assert.Contains("2.5e+7", text);
        Assert.DoesNotContain("-0,", text);
    }
}
