using MiniTorch.Kernels;

namespace MiniTorch;

// Matrix products. All three transposition cases of the backward pass go straight to SGEMM; nothing is transposed
// in memory.
public partial class Tensor
{
    /// <summary>Matrix product of two 2-D tensors: (m,k) @ (k,n) -> (m,n).</summary>
    public Tensor mm(Tensor mat2)
    {
        Check.Float(this, "mm");
        Check.Float(mat2, "mm");
        if (_shape.Length != 2 || mat2._shape.Length != 2)
            Check.Fail("mm", $"{Check.Shape(_shape)} @ {Check.Shape(mat2._shape)}: both operands must be 2-D");
        return MatMul2D(this, mat2, "mm");
    }

    /// <summary>
    /// Matrix product with torch.matmul's rules for 1-D and 2-D operands: (m,k)@(k,n), (k)@(k,n) -> (n),
    /// (m,k)@(k) -> (m), (k)@(k) -> scalar.
    /// </summary>
    public Tensor matmul(Tensor other)
    {
        Check.Float(this, "matmul");
        Check.Float(other, "matmul");
        int ra = _shape.Length, rb = other._shape.Length;
        if (ra is < 1 or > 2 || rb is < 1 or > 2)
            Check.Fail("matmul", $"{Check.Shape(_shape)} @ {Check.Shape(other._shape)}: only 1-D and 2-D operands are supported");
        Tensor a = ra == 1 ? view(1, _shape[0]) : this;
        Tensor b = rb == 1 ? other.view(other._shape[0], 1) : other;
        CheckInner(a, b, "matmul", this, other);
        Tensor r = MatMul2D(a, b, "matmul");
        if (ra == 1 && rb == 1) return r.view(Array.Empty<long>());
        if (ra == 1) return r.view(r._shape[1]);
        if (rb == 1) return r.view(r._shape[0]);
        return r;
    }

    private static void CheckInner(Tensor a, Tensor b, string op, Tensor shownA, Tensor shownB)
    {
        if (a._shape[1] != b._shape[0])
            Check.Fail(op, $"{Check.Shape(shownA._shape)} @ {Check.Shape(shownB._shape)}: inner dimensions {a._shape[1]} and {b._shape[0]} differ");
    }

    private static Tensor MatMul2D(Tensor a, Tensor b, string op)
    {
        CheckInner(a, b, op, a, b);
        int m = (int)a._shape[0], k = (int)a._shape[1], n = (int)b._shape[1];
        var c = Empty(new long[] { m, n }, op);
        Sgemm.Multiply(false, false, m, n, k, a.Data, 0, k, b.Data, 0, n, c.Data, 0, n, accumulate: false);
        if (NeedsGrad(a, b))
            Record(c, op, new[] { a, b }, g =>
            {
                // dA = dC @ Bᵀ : (m,n) @ (n,k)
                if (a._requiresGrad) AddProductToGrad(a, false, true, m, k, n, g.Data, n, b.Data, n);
                // dB = Aᵀ @ dC : (k,m) @ (m,n)
                if (b._requiresGrad) AddProductToGrad(b, true, false, k, n, m, a.Data, k, g.Data, n);
            });
        return c;
    }

    /// <summary>
    /// y = x @ Wᵀ + b in one pass (TorchSharp's functional.linear): x (B,in), W (out,in), b (out) -> (B,out).
    /// Fused so the bias costs no extra pass over memory and Wᵀ is never materialised.
    /// </summary>
    internal static Tensor Linear(Tensor input, Tensor weight, Tensor? bias)
    {
        const string op = "linear";
        Check.Float(input, op);
        Check.Float(weight, op);
        if (bias is not null) Check.Float(bias, op);
        if (weight._shape.Length != 2)
            Check.Fail(op, $"weight must be 2-D (out_features,in_features), got {Check.Shape(weight._shape)}");
        if (input._shape.Length != 2)
            Check.Fail(op, $"input must be 2-D (batch,in_features), got {Check.Shape(input._shape)}");
        int batch = (int)input._shape[0], inF = (int)input._shape[1], outF = (int)weight._shape[0];
        if (weight._shape[1] != inF)
            Check.Fail(op, $"{Check.Shape(input._shape)} @ {Check.Shape(weight._shape)}ᵀ: inner dimensions {inF} and {weight._shape[1]} differ");
        if (bias is not null && (bias._shape.Length != 1 || bias._shape[0] != outF))
            Check.Fail(op, $"bias must have shape ({outF}), got {Check.Shape(bias._shape)}");

        var y = Empty(new long[] { batch, outF }, op);
        if (bias is not null)
            for (int i = 0; i < batch; i++) bias.Span.CopyTo(y.Data.AsSpan(i * outF, outF));
        // (B,in) @ (out,in)ᵀ -> (B,out)
        Sgemm.Multiply(false, true, batch, outF, inF, input.Data, 0, inF, weight.Data, 0, inF, y.Data, 0, outF, accumulate: bias is not null);

        bool needs = GradMode.Enabled && (input._requiresGrad || weight._requiresGrad || (bias?._requiresGrad ?? false));
        if (!needs) return y;
        Tensor[] inputs = bias is null ? new[] { input, weight } : new[] { input, weight, bias };
        return Record(y, op, inputs, g =>
        {
            // dx = dy @ W : (B,out) @ (out,in)
            if (input._requiresGrad) AddProductToGrad(input, false, false, batch, inF, outF, g.Data, outF, weight.Data, inF);
            // dW = dyᵀ @ x : (out,B) @ (B,in)
            if (weight._requiresGrad) AddProductToGrad(weight, true, false, outF, inF, batch, g.Data, outF, input.Data, inF);
            if (bias is not null && bias._requiresGrad)
                bias.AccumulateGrad(SumToShape(g.Data, g.Shape, bias.Shape), owned: true);
        });
    }

    /// <summary>
    /// target.grad += op(A)·op(B) (m×n, row-major). The product goes straight into the gradient buffer when the
    /// target already has one (GEMM with accumulate), so a kept .grad costs no buffer and no extra pass.
    /// </summary>
    private static void AddProductToGrad(Tensor target, bool transA, bool transB, int m, int n, int k,
        float[] a, int lda, float[] b, int ldb)
    {
        float[] grad = target.GradTarget(out bool accumulate);
        Sgemm.Multiply(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, grad, 0, n, accumulate);
        target.CommitGradTarget(grad, accumulate);
    }
}
