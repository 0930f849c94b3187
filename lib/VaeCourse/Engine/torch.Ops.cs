namespace MiniTorch;

// Static forms of the tensor methods (torch.exp(x) ≡ x.exp()), as TorchSharp offers them.
public static partial class torch
{
    public static Tensor add(Tensor input, Tensor other) => input.add(other);
    public static Tensor sub(Tensor input, Tensor other) => input.sub(other);
    public static Tensor mul(Tensor input, Tensor other) => input.mul(other);
    public static Tensor div(Tensor input, Tensor other) => input.div(other);
    public static Tensor neg(Tensor input) => input.neg();
    public static Tensor exp(Tensor input) => input.exp();
    public static Tensor log(Tensor input) => input.log();
    public static Tensor pow(Tensor input, Scalar exponent) => input.pow(exponent);
    public static Tensor square(Tensor input) => input.square();
    public static Tensor sqrt(Tensor input) => input.sqrt();
    public static Tensor abs(Tensor input) => input.abs();
    public static Tensor relu(Tensor input) => input.relu();
    public static Tensor sigmoid(Tensor input) => input.sigmoid();
    public static Tensor tanh(Tensor input) => input.tanh();
    public static Tensor clamp(Tensor input, Scalar? min = null, Scalar? max = null) => input.clamp(min, max);
    public static Tensor matmul(Tensor input, Tensor other) => input.matmul(other);
    public static Tensor mm(Tensor input, Tensor mat2) => input.mm(mat2);
    public static Tensor t(Tensor input) => input.t();
    public static Tensor transpose(Tensor input, long dim0, long dim1) => input.transpose(dim0, dim1);
    public static Tensor flatten(Tensor input, long start_dim = 0, long end_dim = -1) => input.flatten(start_dim, end_dim);
    public static Tensor reshape(Tensor input, params long[] shape) => input.reshape(shape);
    public static Tensor sum(Tensor input) => input.sum();
    public static Tensor mean(Tensor input) => input.mean();
    public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);
    public static Tensor max(Tensor input) => input.max();
    public static Tensor min(Tensor input) => input.min();

    /// <summary>The largest value along <paramref name="dim"/> and its index (≡ <c>input.max(dim, keepdim)</c>).</summary>
    public static (Tensor values, Tensor indexes) max(Tensor input, long dim, bool keepdim = false) => input.max(dim, keepdim);

    /// <summary>The smallest value along <paramref name="dim"/> and its index (≡ <c>input.min(dim, keepdim)</c>).</summary>
    public static (Tensor values, Tensor indexes) min(Tensor input, long dim, bool keepdim = false) => input.min(dim, keepdim);

    /// <summary>log Σ exp(input) along <paramref name="dim"/>, stabilised (≡ <c>input.logsumexp(dim, keepdim)</c>).</summary>
    public static Tensor logsumexp(Tensor input, long dim, bool keepdim = false) => input.logsumexp(dim, keepdim);

    /// <summary>Variance of all elements (≡ <c>input.var(unbiased)</c>).</summary>
    public static Tensor var(Tensor input, bool unbiased = true) => input.var(unbiased);

    /// <summary>Variance over dimensions (≡ <c>input.var(dimensions, unbiased, keepdim)</c>).</summary>
    public static Tensor var(Tensor input, long[] dimensions, bool unbiased = true, bool keepdim = false) =>
        input.var(dimensions, unbiased, keepdim);

    /// <summary>Variance over one dimension.</summary>
    public static Tensor var(Tensor input, long dimensions, bool unbiased = true, bool keepdim = false) =>
        input.var(dimensions, unbiased, keepdim);

    /// <summary>Standard deviation of all elements (≡ <c>input.std(unbiased)</c>).</summary>
    public static Tensor std(Tensor input, bool unbiased = true) => input.std(unbiased);

    /// <summary>Standard deviation over dimensions (≡ <c>input.std(dimensions, unbiased, keepdim)</c>).</summary>
    public static Tensor std(Tensor input, long[] dimensions, bool unbiased = true, bool keepdim = false) =>
        input.std(dimensions, unbiased, keepdim);

    /// <summary>Standard deviation over one dimension.</summary>
    public static Tensor std(Tensor input, long dimensions, bool unbiased = true, bool keepdim = false) =>
        input.std(dimensions, unbiased, keepdim);

    /// <summary>Concatenates tensors along dimension 0 or 1.</summary>
    public static Tensor cat(IList<Tensor> tensors, long dim = 0) => Tensor.Cat(tensors, dim);
}
